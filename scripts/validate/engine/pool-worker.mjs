// A worker of engine/pool.ts: parses and lints the files it is sent, with the same functions the
// main thread uses (engine/parse.ts, the remark-lint check), into a cache that records what it
// computed; the main thread stores those entries in its disk cache, so its own run finds every tree
// and lint result there. Plain JavaScript because a worker starts without the TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { parseFile } = await import('./parse.ts');
const { RecordingCache, setActiveCache } = await import('./disk-cache.ts');
const { default: remarkLint } = await import('../checks/remark-lint.ts');
const { root } = workerData;
const project = { root };

parentPort.on('message', (batch) => {
  const cache = new RecordingCache();
  setActiveCache(cache);
  for (const { path, bytes } of batch) {
    const file = parseFile(path, bytes);
    remarkLint.checkFile?.(file, project, () => true);
  }
  parentPort.postMessage(cache.recorded);
});
parentPort.postMessage('ready');
