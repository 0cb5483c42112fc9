/**
 * Benchmark of `npm run validate` as a user runs it (a fresh process each time), beside the anchor
 * tools on the same trees in the same run: markdownlint-cli2 with its default rules and remark-cli
 * with the same `.remarkrc.js` (neither caches, so each has one time). For the shipped docs and for
 * generated trees (scripts/bench/generate-tree.ts):
 *
 * - validate cold (empty `.cache/validate/`) with one thread and with the default worker threads,
 *   then warm (nothing changed since);
 * - `--changed` after one doc changed (the tree is a git repository; the facts index is warm), and
 *   the whole tree after that edit (no stored result to replay: every check runs, no target);
 * - for the shipped docs, the pre-commit hook (`--staged`, one staged doc) in a copy of the repo.
 *
 * It prints wall seconds and, where `/usr/bin/time` exists, CPU seconds (user + system) of each
 * process, the load average before and after, and the ratios against the issue's targets:
 * cold <= 1.0x markdownlint-cli2, warm <= 0.3x, --changed <= 1.5 s, the hook <= 2 s. Speed targets
 * live here, not in timed tests.
 *
 *   npm run bench:validate [-- --sizes 1000,10000] [--no-shipped]
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateTree } from './generate-tree.ts';
import { bundledEntry } from '../validate/bundle.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LAUNCH = join(ROOT, 'scripts', 'validate', 'launch.mjs');
const BIN = join(ROOT, 'node_modules', '.bin');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000,10000' }, 'no-shipped': { type: 'boolean', default: false } } });
const sizes = values.sizes.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);

interface Measured {
  wall: number;
  /** User + system CPU seconds of the process and its threads, when /usr/bin/time is there. */
  cpu?: number;
  stdout: string;
  status: number | null;
}

/** Runs a command, timing it; `/usr/bin/time -f` writes the CPU seconds on the last line of stderr. */
function measure(command: string, args: string[], cwd: string): Measured {
  const started = performance.now();
  const child = TIME
    ? spawnSync(TIME, ['-f', 'cpu %U %S', command, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = (performance.now() - started) / 1000;
  const cpuLine = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(child.stderr ?? '');
  return { wall, ...(cpuLine ? { cpu: Number(cpuLine[1]) + Number(cpuLine[2]) } : {}), stdout: child.stdout ?? '', status: child.status };
}

const seconds = (m: Measured) => `${m.wall.toFixed(2).padStart(7)} s wall${m.cpu === undefined ? '' : `  ${m.cpu.toFixed(2).padStart(6)} s cpu`}`;

/** validate as `npm run validate` runs it, from its bundle (launch.mjs), without npm's own start-up. */
function validate(label: string, root: string, extra: string[] = []): Measured {
  const m = measure(process.execPath, [LAUNCH, '--root', root, '--format', 'json', ...extra], root);
  const report = JSON.parse(m.stdout || '{"files":0,"problems":[]}') as { files: number; problems: Array<{ severity: string }>; notReported?: { count: number } };
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  const skipped = report.notReported ? `, ${report.notReported.count} not reported` : '';
  process.stdout.write(`  ${label.padEnd(26)} ${seconds(m)}  ${String(report.files).padStart(6)} files${skipped}, ${errors} errors\n`);
  return m;
}

function anchor(label: string, command: string, args: string[], cwd: string): Measured {
  const m = measure(join(BIN, command), args, cwd);
  process.stdout.write(`  ${label.padEnd(26)} ${seconds(m)}  (exit ${m.status}: its findings)\n`);
  return m;
}

interface Row {
  tree: string;
  cold: Measured;
  warm: Measured;
  changed?: Measured;
  edited?: Measured;
  hook?: Measured;
  markdownlint: Measured;
  remark: Measured;
}

const git = (root: string, ...args: string[]) => spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], { cwd: root, encoding: 'utf8' });

function commitAll(root: string): void {
  if (!existsSync(join(root, '.git'))) git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'tree');
}

function bench(tree: string, root: string, options: { changed: boolean; hook: boolean }): Row {
  process.stdout.write(`${tree}  (load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
  rmSync(join(root, '.cache', 'validate'), { recursive: true, force: true });
  // Serial first (--threads 1), then the default (worker threads from 300 docs to parse), both cold.
  validate('validate, cold, 1 thread', root, ['--threads', '1']);
  rmSync(join(root, '.cache', 'validate'), { recursive: true, force: true });
  const cold = validate('validate, cold', root);
  const warm = validate('validate, warm', root);
  const row: Row = { tree, cold, warm, markdownlint: anchor('markdownlint-cli2', 'markdownlint-cli2', ['docs/**/*.md'], root), remark: anchor('remark-cli', 'remark', ['docs', '--quiet', '--no-stdout'], root) };
  if (options.changed || options.hook) {
    commitAll(root);
    const doc = spawnSync('git', ['ls-files', 'docs'], { cwd: root, encoding: 'utf8' }).stdout.split('\n').find((f) => f.endsWith('.md'))!;
    appendFileSync(join(root, doc), '\nOne more sentence.\n');
    if (options.changed) row.changed = validate('validate --changed, 1 doc', root, ['--changed', '--base', 'main']);
    row.edited = validate('validate, 1 doc edited', root);
    if (options.hook) {
      git(root, 'add', doc);
      // The hook's own command (.githooks/pre-commit), in the tree's root.
      const m = measure(process.execPath, [LAUNCH, '--staged'], root);
      process.stdout.write(`  ${'pre-commit hook, 1 doc'.padEnd(26)} ${seconds(m)}  (exit ${m.status})\n`);
      row.hook = m;
    }
  }
  return row;
}

/** A tree validate, markdownlint-cli2 and remark-cli read as they read the repository. */
function prepare(dir: string): void {
  for (const path of ['.remarkrc.js', 'scripts/remark', 'core/markdown/dialect.js', 'package-lock.json']) cpSync(join(ROOT, path), join(dir, path), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"type": "module"}\n');
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, '.gitignore'), 'node_modules\n.cache\n');
}

// The bundle is built (or found fresh) once here, so that no timed run includes its build.
if (!(await bundledEntry())) process.stdout.write('note: the validator bundle could not be built; runs use the TypeScript source\n');
const rows: Row[] = [];
process.stdout.write(`bench:validate on ${process.platform}, Node ${process.version}, ${(await import('node:os')).availableParallelism()} cores\n\n`);
if (!values['no-shipped']) {
  // A copy of what validate reads, so that the repository's cache and git state stay untouched.
  const dir = mkdtempSync(join(tmpdir(), 'bench-shipped-'));
  prepare(dir);
  for (const path of ['docs', 'src/data', 'static/scripts']) cpSync(join(ROOT, path), join(dir, path), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  rows.push(bench('shipped docs', dir, { changed: true, hook: true }));
  rmSync(dir, { recursive: true, force: true });
}
for (const n of sizes) {
  const dir = mkdtempSync(join(tmpdir(), `bench-${n}-`));
  generateTree(dir, n);
  prepare(dir);
  rows.push(bench(`generated ${n} docs`, dir, { changed: true, hook: false }));
  rmSync(dir, { recursive: true, force: true });
}

const ratio = (a: Measured, b: Measured) => a.wall / b.wall;
const cpuRatio = (a: Measured, b: Measured) => (a.cpu !== undefined && b.cpu !== undefined ? ` (cpu ${(a.cpu / b.cpu).toFixed(2)}x)` : '');
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
process.stdout.write(`\nTargets (wall, from this run; load average now ${loadavg().map((l) => l.toFixed(2)).join(' ')}):\n`);
for (const row of rows) {
  const cold = ratio(row.cold, row.markdownlint);
  const warm = ratio(row.warm, row.markdownlint);
  process.stdout.write(
    `  ${row.tree}: cold ${cold.toFixed(2)}x markdownlint-cli2${cpuRatio(row.cold, row.markdownlint)} (<= 1.0: ${verdict(cold <= 1)}), ` +
      `warm ${warm.toFixed(2)}x${cpuRatio(row.warm, row.markdownlint)} (<= 0.3: ${verdict(warm <= 0.3)}); ` +
      `remark-cli ${ratio(row.remark, row.markdownlint).toFixed(2)}x` +
      (row.changed ? `; --changed ${row.changed.wall.toFixed(2)} s (<= 1.5 s: ${verdict(row.changed.wall <= 1.5)})` : '') +
      (row.edited ? `; whole tree after one edit ${ratio(row.edited, row.markdownlint).toFixed(2)}x (no target)` : '') +
      (row.hook ? `; pre-commit ${row.hook.wall.toFixed(2)} s (<= 2 s: ${verdict(row.hook.wall <= 2)})` : '') +
      '\n',
  );
}

// Linear work keeps the cold time per file flat as the tree grows; a check that scans every file for
// each file or link (O(files^2)) makes it grow with the tree. Flag that.
const generated = rows.filter((r) => r.tree.startsWith('generated')).map((r) => ({ n: Number(/\d+/.exec(r.tree)![0]), perFile: r.cold.wall / Number(/\d+/.exec(r.tree)![0]) }));
if (generated.length >= 2) {
  const [small, large] = [generated[0]!, generated.at(-1)!];
  const growth = large.perFile / small.perFile;
  process.stdout.write(
    `scaling: cold s/file at ${large.n} docs is ${growth.toFixed(2)}x that at ${small.n} docs ` +
      `(${growth <= 1.5 ? 'linear' : 'SUPERLINEAR: run `npm run validate -- --root <tree> --timings` to find the check'})\n`,
  );
}
