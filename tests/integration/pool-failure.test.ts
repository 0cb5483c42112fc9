/**
 * A share of the cold pool that fails (scripts/validate/engine/pool.ts) loses only its batches:
 * the run parses those docs itself, and the report is still the serial run's. Here the main
 * thread's share fails at its second batch: engine/pool-batch.ts is mocked in this process only,
 * and the worker thread loads the real module.
 */
import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateTree } from '../../scripts/bench/generate-tree.ts';
import { validate } from '../../scripts/validate/validate.ts';
import { POOL_MIN_FILES } from '../../scripts/validate/engine/pool.ts';
import { validatorTree } from '../helpers/validator-tree.ts';

const share = vi.hoisted(() => ({ batches: 0, failed: 0 }));
vi.mock('../../scripts/validate/engine/pool-batch.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../scripts/validate/engine/pool-batch.ts')>();
  return {
    ...real,
    batchRunner: async (settings: Parameters<typeof real.batchRunner>[0]) => {
      const run = await real.batchRunner(settings);
      return async (batch: Parameters<typeof run>[0]) => {
        if (++share.batches === 2) {
          share.failed += batch.length;
          throw new Error("the main thread's share failed");
        }
        return run(batch);
      };
    },
  };
});

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function report(dir: string, threads: number) {
  rmSync(join(dir, '.cache'), { recursive: true, force: true });
  const { elapsedMs, timings, counts, ...rest } = await validate(dir, [], { strictReviews: false, now: new Date('2026-12-01T12:00:00Z'), cache: true, timings: true, threads });
  void elapsedMs;
  void counts;
  const pooled = Object.keys(timings ?? {}).map((k) => /parse and lint (\d+) of (\d+) docs/.exec(k)).find(Boolean);
  return { json: JSON.stringify(rest), pooled: pooled ? { done: Number(pooled[1]), files: Number(pooled[2]) } : undefined, problems: rest.problems.length };
}

describe('a cold run whose main-thread share fails', () => {
  it('parses the lost batch itself and reports what the serial run reports', async () => {
    const dir = validatorTree('pool-failure-', ['src/data', 'static/scripts']);
    dirs.push(dir);
    generateTree(dir, POOL_MIN_FILES + 20);
    // Problems in many docs, so that the lost batch has some.
    for (let i = 0; i < 40; i++) appendFileSync(join(dir, `docs/section-${i % 4}/page-${i}.md`), '\n#### Skipped a level\n\nSee [nowhere](./missing.md).\n');
    const serial = await report(dir, 1);
    const parallel = await report(dir, 2);
    expect(serial.pooled).toBeUndefined();
    expect(share.failed).toBe(16);
    // The main thread stopped at the failure; the worker did the rest, and the run the lost batch.
    expect(parallel.pooled!.files).toBeGreaterThanOrEqual(POOL_MIN_FILES + 20);
    expect(parallel.pooled!.done).toBe(parallel.pooled!.files - 16);
    expect(serial.problems).toBeGreaterThan(40);
    expect(parallel.json).toBe(serial.json);
  }, 300_000);
});
