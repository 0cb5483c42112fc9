// The search index built in a worker thread (./index.ts starts it): ./build.ts run from source, so
// the worker registers the TypeScript loader first (a worker thread starts without the one the
// build's main thread has). Answers { data, tools } or { error } once, then ends.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
try {
  const { buildIndex } = await import('./build.ts');
  const { data, tools } = buildIndex(workerData.sources, workerData.vocabulary);
  parentPort.postMessage({ data, tools });
} catch (error) {
  parentPort.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
