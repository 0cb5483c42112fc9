/**
 * A worker thread of engine/pool.ts: does the batches of docs it is sent (engine/pool-batch.ts),
 * in the order they came, and posts each one's result back. Started from the bundle (bundle.mjs)
 * or, from source, by pool-worker.mjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { batchRunner, type PoolBatch, type PoolSettings } from './pool-batch.ts';

const run = await batchRunner(workerData as PoolSettings);

let queue: Promise<void> = Promise.resolve();
parentPort!.on('message', (batch: PoolBatch) => {
  queue = queue.then(async () => parentPort!.postMessage(await run(batch)));
});

parentPort!.postMessage('ready');
