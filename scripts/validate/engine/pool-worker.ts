/**
 * A worker of engine/pool.ts: parses and lints the files it is sent, with the same functions the
 * main thread uses (engine/parse.ts, the remark-lint check), into a cache that records what it
 * computed; the main thread stores those entries in its disk cache, so its own run finds every tree
 * and lint result there. Started from the bundle (bundle.mjs) or, from source, by pool-worker.mjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import remarkLint, { preloadLinter } from '../checks/remark-lint.ts';
import { RecordingCache, setActiveCache } from './disk-cache.ts';
import { parseFile } from './parse.ts';
import { FactStore } from './fact-store.ts';
import type { DocFile, Project } from './types.ts';

const { root } = workerData as { root: string };
// Only what the lint check reads: the root and the run's facts (its config).
const project = { root } as Project & { facts: FactStore<Project, DocFile> };
project.facts = new FactStore(() => project);

parentPort!.on('message', (batch: Array<{ path: string; bytes: Uint8Array }>) => {
  const cache = new RecordingCache();
  setActiveCache(cache);
  for (const { path, bytes } of batch) {
    const file = parseFile(path, bytes);
    remarkLint.checkFile?.(file, project, () => true);
  }
  parentPort!.postMessage(cache.recorded);
});
// Through import(), so that the loader hooks apply to the lint plugins (see preloadLinter).
await preloadLinter(root);
parentPort!.postMessage('ready');
