/**
 * A worker of engine/pool.ts: for the docs it is sent, does the per-doc work of a run with the
 * main thread's own functions, into a cache that records what it computed:
 *
 * - parses each doc (engine/parse.ts) and lints it (the remark-lint check);
 * - runs the local checks on it (those that read only their doc and the data: `local` in
 *   engine/check.ts), whose reports are stored as the main thread would store them
 *   (engine/local-results.ts);
 * - derives its facts index entry (engine/file-index.ts).
 *
 * The main thread stores the recorded entries in its disk cache and takes the index entries, so
 * its own run finds every tree, lint result and local report there, and reads no doc it was sent.
 * Started from the bundle (bundle.mjs) or, from source, by pool-worker.mjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadChecks } from '../checks/index.ts';
import remarkLint, { preloadLinter } from '../checks/remark-lint.ts';
import { hasLocalReports, type Check } from './check.ts';
import { RecordingCache, setActiveCache } from './disk-cache.ts';
import { indexEntry } from './file-index.ts';
import { loadProjectData, withFacts } from './load.ts';
import { LocalResults } from './local-results.ts';
import { parseFile } from './parse.ts';
import { prepareChecks, runChecks } from './runner.ts';
import type { DocFile, Project } from './types.ts';

export interface PoolBatchResult {
  /** Cache entries: namespace, key, encoded value. */
  recorded: Array<[namespace: string, key: string, bytes: Uint8Array]>;
  /** Index entries of the docs that parsed. */
  entries: Array<[path: string, entry: ReturnType<typeof indexEntry>]>;
}

const { root, strictReviews, now } = workerData as { root: string; strictReviews: boolean; now: string };
// The run's data, as the main thread reads it; its docs are each batch's.
const project: Project = withFacts({ root, files: [], targets: new Set(), ...loadProjectData(root), options: { strictReviews, now: new Date(now) } });

// Through import(), so that the loader hooks apply to the lint plugins (see preloadLinter).
await preloadLinter(root);
// Their per-doc part only: `checkProject` runs once, on the main thread.
const local: Check[] = (await loadChecks()).filter(hasLocalReports).map((c) => ({ ...c, checkProject: undefined }));
const ids = local.map((c) => c.id);

let queue: Promise<void> = Promise.resolve();
parentPort!.on('message', (batch: Array<{ path: string; bytes: Uint8Array }>) => {
  queue = queue.then(() => run(batch));
});

async function run(batch: Array<{ path: string; bytes: Uint8Array }>): Promise<void> {
  const cache = new RecordingCache();
  setActiveCache(cache);
  const files: DocFile[] = batch.map(({ path, bytes }) => parseFile(path, bytes));
  for (const file of files) remarkLint.checkFile?.(file, project, () => true);
  Object.assign(project, { files, targets: new Set(files.map((f) => f.path)) });
  const results = new LocalResults(cache, project, ids);
  // A check whose set-up failed stores nothing: the main thread runs it and reports the failure.
  if ((await prepareChecks(project, local, undefined, results)).length === 0) runChecks(project, local, undefined, results);
  const entries = files.filter((f) => f.status === 'ok').map((f): PoolBatchResult['entries'][number] => [f.path, indexEntry(f, project)]);
  parentPort!.postMessage({ recorded: cache.recorded, entries } satisfies PoolBatchResult);
}

parentPort!.postMessage('ready');
