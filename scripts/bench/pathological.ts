/**
 * cmark's pathological inputs at 50,000 scale (tests/helpers/pathological.ts), each validated as a
 * file beside an ordinary doc, as `npm run validate` does in-process (all checks, no cache). Prints
 * the time of each case and what was reported; the target is at most 5 s per case.
 *
 *   npm run bench:pathological [-- <name filter>]
 */
import { loadChecks } from '../validate/checks/index.ts';
import { stopParseWorker } from '../validate/engine/parse-guard.ts';
import { projectFromMemory } from '../validate/engine/load.ts';
import { prepareChecks, runChecks } from '../validate/engine/runner.ts';
import { PATHOLOGICAL } from '../../tests/helpers/pathological.ts';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const GOOD = '---\ntype: guide\ntitle: Good\ndescription: An ordinary page.\nowner: platform-sre\ntags: [kubernetes]\n---\n\n# Good\n\nSee [the missing page](./missing.md).\n';
const filter = process.argv[2] ?? '';
const checks = await loadChecks();
// Warm up (module loading, the parser worker) so that each case's time is its own.
{
  const p = projectFromMemory(ROOT, { 'docs/good.md': GOOD, 'docs/big.md': `${GOOD}\n${'Text. '.repeat(3000)}\n` }, { strictReviews: false, now: new Date() });
  await prepareChecks(p, checks);
  runChecks(p, checks);
}
let worst = 0;
for (const c of PATHOLOGICAL) {
  if (!c.name.includes(filter)) continue;
  const started = performance.now();
  const project = projectFromMemory(ROOT, { 'docs/good.md': GOOD, 'docs/bad.md': c.source }, { strictReviews: false, now: new Date() });
  const problems = [...(await prepareChecks(project, checks)), ...runChecks(project, checks)];
  const seconds = (performance.now() - started) / 1000;
  worst = Math.max(worst, seconds);
  const bad = problems.filter((p) => p.file === 'docs/bad.md');
  const good = problems.filter((p) => p.file === 'docs/good.md').length;
  const first = bad.find((p) => p.rule === 'file/unparseable' || p.rule === 'file/readable') ?? bad[0];
  process.stdout.write(
    `${c.name.padEnd(38)} ${(c.source.length / 1024).toFixed(0).padStart(6)} KB ${seconds.toFixed(2).padStart(6)} s  ` +
      `${String(bad.length).padStart(4)} problems (good.md: ${good})  ${first ? `${first.rule}: ${first.message.slice(0, 110)}` : ''}\n`,
  );
}
process.stdout.write(`\nslowest case: ${worst.toFixed(2)} s (target: at most 5 s)\n`);
await stopParseWorker();
