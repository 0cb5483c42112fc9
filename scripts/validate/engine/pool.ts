/**
 * Cold runs in parallel. Before the run, the docs whose parse tree is not in the cache are sent, in
 * batches, to worker threads (engine/pool-worker.ts) that parse and lint them, run the local checks
 * on them and derive their facts index entries, with the main thread's own functions; their results
 * go into this run's cache and index. The run itself is then the same as a warm run: every check
 * runs once, on the main thread, in the same order, the local ones replaying what the workers
 * stored, so the report is the serial run's, byte for byte (tests/integration/pool.test.ts compares
 * them), and the main thread reads none of the docs the workers had.
 *
 * Workers only pay off when there is enough to parse: with fewer than `POOL_MIN_FILES` such docs,
 * one thread (`--threads 1`), or no cache (`--no-cache`), nothing is sent. A worker that fails
 * only loses its batch: the main thread parses those files as it always did.
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
import type { PoolBatchResult } from './pool-worker.ts';
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
 * Parses and lints, in `threads` workers, the docs of `paths` whose tree `cache` lacks. Returns how
 * many docs were sent (0: the run is serial) and how many came back parsed (`done`).
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
  const batches: Array<typeof work> = [];
  for (let i = 0; i < work.length; i += BATCH) batches.push(work.slice(i, i + BATCH));
  const count = Math.min(threads, batches.length);
  let done = 0;
  const url = workerUrl('pool-worker', new URL('./pool-worker.mjs', import.meta.url));
  await Promise.all(
    Array.from({ length: count }, () => new Promise<void>((resolve) => {
      const workerData = { root, strictReviews: options.strictReviews, now: options.now.toISOString() };
      const worker = new Worker(url, { workerData, execArgv: workerExecArgv(), stdout: false, stderr: false, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
      const finish = () => {
        void worker.terminate();
        resolve();
      };
      let sent = 0;
      const next = () => {
        const batch = batches.shift();
        sent = batch?.length ?? 0;
        if (batch) worker.postMessage(batch);
        else finish();
      };
      worker.on('message', (message: 'ready' | PoolBatchResult) => {
        if (message !== 'ready') {
          for (const [namespace, key, bytes] of message.recorded) cache.setEncoded(namespace, key, bytes);
          for (const [path, entry] of message.entries) index.adopt(path, entry);
          done += sent;
        }
        next();
      });
      worker.on('error', finish);
      worker.on('exit', resolve);
    })),
  );
  return { files: work.length, workers: count, done };
}
