/**
 * The per-doc work of a cold run, one batch of docs at a time, as engine/pool.ts shares it out to
 * its worker threads (engine/pool-worker.ts) and to the main thread itself, with the main thread's
 * own functions, into a cache that records what it computed:
 *
 * - parses each doc (engine/parse.ts) and lints it (the remark-lint check);
 * - runs the local checks on it (those that read only their doc and the data: `local` in
 *   engine/check.ts), whose reports are stored as the run would store them
 *   (engine/local-results.ts);
 * - derives its facts index entry (engine/file-index.ts).
 *
 * The pool stores the recorded entries in the run's disk cache and takes the index entries, so the
 * run itself finds every tree, lint result and local report there.
 */
import { loadChecks } from '../checks/index.ts';
import remarkLint, { preloadLinter } from '../checks/remark-lint.ts';
import { hasLocalReports, type Check } from './check.ts';
import { activeCache, RecordingCache, setActiveCache } from './disk-cache.ts';
import { indexEntry } from './file-index.ts';
import { loadProjectData, withFacts } from './load.ts';
import { LocalResults } from './local-results.ts';
import { parseFile } from './parse.ts';
import { prepareChecks, runChecks } from './runner.ts';
import type { DocFile, Project } from './types.ts';

/** Docs to do: their paths and bytes, as read by the pool. */
export type PoolBatch = Array<{ path: string; bytes: Uint8Array }>;

export interface PoolBatchResult {
  /** Cache entries: namespace, key, encoded value. */
  recorded: Array<[namespace: string, key: string, bytes: Uint8Array]>;
  /** Index entries of the docs that parsed. */
  entries: Array<[path: string, entry: ReturnType<typeof indexEntry>]>;
}

export interface PoolSettings {
  root: string;
  strictReviews: boolean;
  /** The run's date, as an ISO string (it crosses to the workers). */
  now: string;
}

/** Loads what a batch needs (the run's data, the linter, the local checks) and returns the function that does one. */
export async function batchRunner({ root, strictReviews, now }: PoolSettings): Promise<(batch: PoolBatch) => Promise<PoolBatchResult>> {
  // The run's data, as the run reads it; its docs are each batch's.
  const project: Project = withFacts({ root, files: [], targets: new Set(), ...loadProjectData(root), options: { strictReviews, now: new Date(now) } });
  // Through import(), so that a worker's loader hooks apply to the lint plugins (see preloadLinter).
  await preloadLinter(root);
  // Their per-doc part only: `checkProject` runs once, in the run itself.
  const local: Check[] = (await loadChecks()).filter(hasLocalReports).map((c) => ({ ...c, checkProject: undefined }));
  const ids = local.map((c) => c.id);

  return async (batch) => {
    // On the main thread, the run's own cache is active: it is put back after the batch.
    const previous = activeCache();
    const cache = new RecordingCache();
    setActiveCache(cache);
    try {
      const files: DocFile[] = batch.map(({ path, bytes }) => parseFile(path, bytes));
      for (const file of files) remarkLint.checkFile?.(file, project, () => true);
      Object.assign(project, { files, targets: new Set(files.map((f) => f.path)) });
      const results = new LocalResults(cache, project, ids);
      // A check whose set-up failed stores nothing: the run repeats it and reports the failure.
      if ((await prepareChecks(project, local, undefined, results)).length === 0) runChecks(project, local, undefined, results);
      const entries = files.filter((f) => f.status === 'ok').map((f): PoolBatchResult['entries'][number] => [f.path, indexEntry(f, project)]);
      return { recorded: cache.recorded, entries };
    } finally {
      setActiveCache(previous);
    }
  };
}
