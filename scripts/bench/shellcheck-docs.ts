/**
 * npm run bench:shellcheck-docs — runs ShellCheck on every shell block of the shipped docs (the
 * validator's own extraction: list and quote prefixes removed, console output blanked, runbook
 * placeholders such as `<pod-name>` rewritten to same-length words) and prints the findings by
 * code and severity, with one line per finding (`file:line:col SCnnnn message`) for review.
 *
 * This measures whether ShellCheck would make a useful check on the docs (issue 15): each finding
 * has to be read and labelled true or false positive by hand; the figures are in the report of
 * that issue. Needs Debian's `shellcheck` on PATH.
 *
 * Measured 2026-12-01 with ShellCheck 0.9.0, at warning level and above, findings labelled by hand:
 * - shipped docs: 443 blocks, 22 findings. 2 real defects (SC2034: the `answer` of a confirmation
 *   prompt that gated nothing; fixed), 20 SC2155 (`export VAR="$(cmd)"` masks cmd's status: true
 *   in a script, harmless when pasted). 9% actionable. No info or style finding at all.
 * - openshift/runbooks @82bd2d9 (898 blocks, 140 findings) and prometheus-operator/runbooks
 *   @a685d14 (49 blocks, 27 findings): no real shell bug found. Variables set in one block and used
 *   in the next (SC2034, 31), placeholders (SC2154, SC1083, SC2089/SC2090: 29), unquoted `$(...)`
 *   of one pod name (SC2046, 13), and PromQL, output or prompts inside bash fences (SC1036, SC1088,
 *   SC1072/SC1073, SC2288 and other parse errors: about 90), which commands/syntax already reports.
 * Each block is checked alone, which is how a reader pastes it but not how ShellCheck reasons
 * about variables. The false-positive rate is far too high for a check: it stays a measurement.
 *
 *   npm run bench:shellcheck-docs                  # summary and every finding at warning or above
 *   npm run bench:shellcheck-docs -- --severity style   # include info and style findings too
 *   npm run bench:shellcheck-docs -- tests/fixtures/commands-corpus   # another corpus
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shellBlocks, toSource } from '../validate/commands/blocks.ts';
import { rewritePlaceholders } from '../validate/commands/placeholders.ts';
import { loadProject } from '../validate/engine/load.ts';

const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const severityArg = process.argv.indexOf('--severity');
const severity = severityArg > 0 ? process.argv[severityArg + 1]! : 'warning';

if (spawnSync('shellcheck', ['--version']).status !== 0) {
  console.error('shellcheck is not installed (apt-get install -y shellcheck)');
  process.exit(2);
}

interface Finding {
  file: string;
  line: number;
  column: number;
  level: string;
  code: number;
  message: string;
}

interface Json1 {
  comments: { file: string; line: number; column: number; level: string; code: number; message: string }[];
}

const paths = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--severity');
const project = loadProject(ROOT, paths, { strictReviews: false, now: new Date() });
const targets = project.files.filter((f) => project.targets.has(f.path));
const dir = mkdtempSync(join(tmpdir(), 'shellcheck-docs-'));
const where = new Map<string, { path: string; source: string; map: (offset: number) => number; lineStarts: number[] }>();
let blocks = 0;
for (const file of targets) {
  for (const block of shellBlocks(file, project)) {
    if (!['bash', 'sh', 'shell', 'console'].includes(block.lang)) continue;
    blocks++;
    const name = join(dir, `b${blocks}.sh`);
    const { text } = rewritePlaceholders(block.text);
    writeFileSync(name, text);
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
    where.set(name, { path: file.path, source: file.source, map: (o) => toSource(block, o), lineStarts });
  }
}

const files = [...where.keys()];
const findings: Finding[] = [];
// In batches, to stay under the argument length limit.
for (let i = 0; i < files.length; i += 200) {
  const batch = files.slice(i, i + 200);
  const r = spawnSync('shellcheck', ['--shell=bash', `--severity=${severity}`, '--format=json1', ...batch], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const out = JSON.parse(r.stdout || '{"comments":[]}') as Json1;
  for (const c of out.comments) {
    const w = where.get(c.file)!;
    const offset = w.map((w.lineStarts[c.line - 1] ?? 0) + c.column - 1);
    const before = w.source.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    findings.push({ file: w.path, line, column, level: c.level, code: c.code, message: c.message });
  }
}
rmSync(dir, { recursive: true, force: true });

const byCode = new Map<string, number>();
for (const f of findings) byCode.set(`SC${f.code} (${f.level})`, (byCode.get(`SC${f.code} (${f.level})`) ?? 0) + 1);
console.log(`${blocks} shell blocks in ${targets.length} files; ${findings.length} findings at ${severity} or above`);
for (const [code, n] of [...byCode].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(4)}  ${code}`);
console.log('');
for (const f of findings) console.log(`${f.file}:${f.line}:${f.column} SC${f.code} ${f.level}: ${f.message}`);
