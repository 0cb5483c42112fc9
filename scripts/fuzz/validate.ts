/**
 * A longer fuzz run than the test suite's (tests/unit/fuzz.test.ts): mutated slices of the shipped
 * docs through every check, in-process. Every failing input is written (shrunk) to
 * tests/fixtures/fuzz/<hash>.md, which the test suite then runs as a regression fixture.
 *
 *   npm run fuzz [-- <cases> [<seed>]]      (default 100,000 cases, a random seed, printed)
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { fuzzChecks, mutatedDoc, PROJECT_EVERY, shippedDocs, violations } from '../../tests/helpers/fuzz.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'fuzz');
const runs = Number(process.argv[2] ?? 100_000);
const seed = process.argv[3] === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.argv[3]);

const seeds = shippedDocs();
const checks = await fuzzChecks();
const started = performance.now();
let cases = 0;
const found = new Map<string, string[]>();
fc.assert(
  fc.property(mutatedDoc(seeds), ({ from, text }) => {
    cases++;
    if (cases % 5000 === 0) process.stderr.write(`  ${cases} cases, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    const v = violations(cases % PROJECT_EVERY === 0 ? checks.all : checks.perFile, text, from);
    if (v.length > 0) found.set(text, v);
    return true; // keep going: collect every failure, not just the first
  }),
  { numRuns: runs, seed },
);
const seconds = (performance.now() - started) / 1000;
mkdirSync(FIXTURES, { recursive: true });
for (const [text, v] of found) {
  const name = `${createHash('sha256').update(text).digest('hex').slice(0, 12)}.md`;
  writeFileSync(join(FIXTURES, name), text);
  process.stdout.write(`tests/fixtures/fuzz/${name}: ${v[0]}\n`);
}
process.stdout.write(`${cases} cases in ${seconds.toFixed(1)} s (${((seconds * 1000) / cases).toFixed(2)} ms/case), seed ${seed}: ${found.size} failing inputs\n`);
process.exitCode = found.size > 0 ? 1 : 0;
