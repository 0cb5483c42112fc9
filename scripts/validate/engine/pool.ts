/**
 * Cold runs in parallel. Before the run, the docs whose parse tree is not in the cache are shared
 * out, in batches, to worker threads (engine/pool-worker.ts) and to the main thread itself, which
 * parse and lint them, run the local checks on them and derive their facts index entries, with the
 * main thread's own functions (engine/pool-batch.ts); their results go into this run's cache and
 * index. The run itself is then the same as a warm run: every check runs once, on the main thread,
 * in the same order, the local ones replaying what the batches stored, so the report is the serial
 * run's, byte for byte (tests/integration/pool.test.ts compares them).
 *
 * The main thread takes batches as well: it loads the checks anyway, and would otherwise wait for
 * the workers, so `threads` threads are the main thread and one worker fewer, which is one
 * worker's start-up (about a second of CPU) fewer. Each worker has two batches in hand, so that it
 * never waits for the main thread to finish its own batch before it gets the next one.
 *
 * Workers only pay off when there is enough to parse: with fewer than `POOL_MIN_FILES` such docs,
 * one thread (`--threads 1`), or no cache (`--no-cache`), nothing is shared out. A worker (or the
 * main thread's share) that fails only loses its batches: the run parses those files as it always
 * did.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { MARKDOWN_EXTENSIONS } from '../../../core/markdown/dialect.js';
import type { DiskCache } from './disk-cache.ts';
import type { FileIndex } from './file-index.ts';
import { MAX_FILE_BYTES } from './parse.ts';
import { workerExecArgv, workerUrl } from './worker-url.ts';
import { batchRunner, type PoolBatch, type PoolBatchResult, type PoolSettings } from './pool-batch.ts';
import type { ValidateOptions } from './types.ts';

/**
 * Fewer docs to parse than this: serial. Each worker's start-up (the parser, the lint plugins and
 * the checks) costs over a second of CPU (a worker was ready after about 1.5 s in a 1,000-doc run),
 * more than parsing 150 docs; at 120 docs two workers took 7 s of CPU where one thread takes about 4 (bench:validate).
 */
export const POOL_MIN_FILES = 300;
const BATCH = 16;

/** The default number of threads: one per core the process may use. */
export const defaultThreads = (): number => availableParallelism();

/**
 * Parses and lints, in the main thread and `threads - 1` workers, the docs of `paths` whose tree `cache` lacks. Returns how
 * many docs were shared out (0: the run is serial), to how many workers, and how many were done (`done`).
 */
export async function prewarm(root: string, paths: readonly string[], cache: DiskCache, index: FileIndex, threads: number, options: ValidateOptions): Promise<{ files: number; workers: number; done: number }> {
  if (!cache.dir || threads < 2) return { files: 0, workers: 0, done: 0 };
  const work: Array<{ path: string; bytes: Uint8Array }> = [];
  for (const path of paths) {
    if (!MARKDOWN_EXTENSIONS.some((ext) => path.toLowerCase().endsWith(ext)) || index.unchanged(root, path)) continue;
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(root, path));
    } catch {
      continue;
    }
    if (bytes.length > MAX_FILE_BYTES) continue;
    const hash = createHash('sha256').update(bytes).digest('hex');
    if (cache.get('tree', hash) !== undefined || cache.get('unparseable', hash) !== undefined) continue;
    work.push({ path, bytes });
  }
  if (work.length < POOL_MIN_FILES) return { files: 0, workers: 0, done: 0 };
  const batches: PoolBatch[] = [];
  for (let i = 0; i < work.length; i += BATCH) batches.push(work.slice(i, i + BATCH));
  const settings: PoolSettings = { root, strictReviews: options.strictReviews, now: options.now.toISOString() };
  let done = 0;
  const adopt = (result: PoolBatchResult, size: number) => {
    for (const [namespace, key, bytes] of result.recorded) cache.setEncoded(namespace, key, bytes);
    for (const [path, entry] of result.entries) index.adopt(path, entry);
    done += size;
  };
  const count = Math.min(threads - 1, batches.length);
  const url = workerUrl('pool-worker', new URL('./pool-worker.mjs', import.meta.url));
  const inWorker = () => new Promise<void>((resolve) => {
    const worker = new Worker(url, { workerData: settings, execArgv: workerExecArgv(), stdout: false, stderr: false, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    // The sizes of the batches sent and not yet back, in the order sent.
    const sent: number[] = [];
    const send = () => {
      const batch = batches.shift();
      if (!batch) return;
      sent.push(batch.length);
      worker.postMessage(batch);
    };
    const finish = () => {
      void worker.terminate();
      resolve();
    };
    worker.on('message', (message: 'ready' | PoolBatchResult) => {
      if (message === 'ready') send();
      else adopt(message, sent.shift()!);
      send();
      if (sent.length === 0) finish();
    });
    worker.on('error', finish);
    worker.on('exit', resolve);
  });
  const inMainThread = async () => {
    let run: Awaited<ReturnType<typeof batchRunner>>;
    try {
      run = await batchRunner(settings);
    } catch {
      return;
    }
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      try {
        adopt(await run(batch), batch.length);
      } catch {
        return;
      }
      // Lets the workers' results in, and their next batches out.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await Promise.all([...Array.from({ length: count }, inWorker), inMainThread()]);
  return { files: work.length, workers: count, done };
}
