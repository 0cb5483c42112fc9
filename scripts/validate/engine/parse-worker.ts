/**
 * The worker of parse-guard.ts: parses Markdown with the handbook's parser (core/markdown/parse.ts),
 * so that a parse that overruns its time budget can be terminated. Started from the bundle
 * (bundle.mjs) or, from source, by parse-worker.mjs.
 */
import type { MessagePort } from 'node:worker_threads';
import { workerData } from 'node:worker_threads';
import { parseMarkdown } from '../../../core/markdown/parse.ts';
import { describeError, treeDepth } from './parse-guard.ts';

const { port, ready } = workerData as { port: MessagePort; ready: Int32Array };

port.on('message', ({ source, done, maxDepth }: { source: string; done: Int32Array; maxDepth: number }) => {
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
