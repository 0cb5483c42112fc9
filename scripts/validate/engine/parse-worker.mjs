// The worker of parse-guard.ts: parses Markdown with the handbook's parser (core/markdown/parse.ts, loaded
// through tsx), so that a parse that overruns its time budget can be terminated. Plain JavaScript
// because a worker starts without the TypeScript loader.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { parseMarkdown } = await import('../../../core/markdown/parse.ts');
const { treeDepth, describeError } = await import('./parse-guard.ts');
const { port, ready } = workerData;

port.on('message', ({ source, done, maxDepth }) => {
  try {
    const tree = parseMarkdown(source);
    const depth = treeDepth(tree, maxDepth);
    port.postMessage(depth > maxDepth ? { depth } : { tree });
  } catch (error) {
    port.postMessage({ error: describeError(error) });
  }
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
});

Atomics.store(ready, 0, 1);
Atomics.notify(ready, 0);
