/**
 * Mutation fuzzing of the validator over the shipped docs (tests/helpers/fuzz.ts), in-process:
 * 10,000 cases with a fixed seed, so that a failure reproduces; `npm run fuzz` runs longer with a
 * random seed and writes what it finds to tests/fixtures/fuzz/, replayed here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzChecks, mutatedDoc, PROJECT_EVERY, shippedDocs, violations } from '../helpers/fuzz.ts';
import { ROOT } from '../helpers/examples.ts';

const CASES = 10_000;
const SEED = 16;
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'fuzz');
const checks = await fuzzChecks();

describe('fuzz: mutated shipped docs', () => {
  it(`${CASES.toLocaleString('en')} cases (seed ${SEED}): no check crashes and every problem is inside the file`, { timeout: 1_800_000 }, () => {
    const seeds = shippedDocs();
    let n = 0;
    fc.assert(
      fc.property(mutatedDoc(seeds), ({ from, text }) => {
        n++;
        expect(violations(n % PROJECT_EVERY === 0 ? checks.all : checks.perFile, text, from)).toEqual([]);
      }),
      { numRuns: CASES, seed: SEED },
    );
    expect(n).toBeGreaterThanOrEqual(CASES);
  });

  const fixtures = readdirSync(FIXTURES).filter((n) => n.endsWith('.md')).sort();
  // The first case reads and parses the whole docs tree once (the cases' context).
  it.each(fixtures)('fixture %s (found by npm run fuzz) is checked without a crash or a position outside the file', (name) => {
    const text = readFileSync(join(FIXTURES, name), 'utf8');
    expect(violations(checks.all, text, 'docs/runbooks/fuzzed.md')).toEqual([]);
    expect(violations(checks.all, text, 'docs/index.md')).toEqual([]);
  }, 300_000);
});
