/**
 * Cold trees are parsed and linted by worker threads (scripts/validate/engine/pool.ts): the report
 * must be the serial run's, the same problems in the same order, for a tree with problems and for
 * the shipped docs.
 */
import { appendFileSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateTree } from '../../scripts/bench/generate-tree.ts';
import { validate } from '../../scripts/validate/validate.ts';
import { POOL_MIN_FILES } from '../../scripts/validate/engine/pool.ts';
import { ROOT } from '../helpers/examples.ts';
import { validatorTree } from '../helpers/validator-tree.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of what validate reads (style config and its plugins too), with `docs` from `fill`. */
function tree(fill: (dir: string) => void): string {
  const dir = validatorTree('pool-', ['src/data', 'static/scripts']);
  dirs.push(dir);
  fill(dir);
  return dir;
}

/** The report as JSON, without what differs between runs by nature (times). */
async function report(dir: string, threads: number) {
  rmSync(join(dir, '.cache'), { recursive: true, force: true });
  const { elapsedMs, timings, counts, ...rest } = await validate(dir, [], { strictReviews: false, now: new Date('2026-12-01T12:00:00Z'), cache: true, timings: true, threads });
  void elapsedMs;
  void counts;
  return { json: JSON.stringify(rest), pooled: Object.keys(timings ?? {}).some((k) => /parse and lint (\d+) of \1 docs in \d+ workers? and the main thread/.test(k)), problems: rest.problems.length };
}

describe('validating a cold tree in worker threads', () => {
  it('reports what the serial run reports, in the same order, for a generated tree with problems', async () => {
    const dir = tree((d) => {
      generateTree(d, POOL_MIN_FILES + 20);
      // Problems of several kinds in several files: style, links, commands, frontmatter.
      appendFileSync(join(d, 'docs/section-0/page-3.md'), '\n#### Skipped a level\n\nSee [nowhere](./missing.md) and run `kubectl get pods -n production`.\n\n```bash\nkubctl get pods\n```\n');
      const page = join(d, 'docs/section-1/page-101.md');
      writeFileSync(page, readFileSync(page, 'utf8').replace('severity: SEV2', 'severity: SEV9').replace('## Impact', '## Impact\n\n*  bad   list'));
    });
    const serial = await report(dir, 1);
    const parallel = await report(dir, 2);
    expect(serial.pooled).toBe(false);
    expect(parallel.pooled).toBe(true);
    expect(serial.problems).toBeGreaterThan(3);
    expect(parallel.json).toBe(serial.json);
  }, 300_000);

  // Docs above 8 KB parse under a 2 s wall-clock budget (engine/parse-guard.ts) in both paths; on a
  // machine loaded far past its cores a parse can overrun it in one run and not the other, and the
  // file is then reported as unparseable there. Such a run says nothing about the workers: try again.
  it('reports what the serial run reports for the shipped docs, twice over (duplicate ids, titles and alerts)', { retry: 2, timeout: 300_000 }, async () => {
    // Twice, to be above the pool's threshold: the copy adds cross-file problems of its own.
    const dir = tree((d) => {
      cpSync(join(ROOT, 'docs'), join(d, 'docs'), { recursive: true });
      cpSync(join(ROOT, 'docs'), join(d, 'docs', 'copy'), { recursive: true });
    });
    const serial = await report(dir, 1);
    const parallel = await report(dir, 2);
    expect(parallel.pooled).toBe(true);
    expect(serial.problems).toBeGreaterThan(10);
    expect(parallel.json).toBe(serial.json);
  });
});
