/**
 * Benchmark of `npm run validate` as a user runs it (a fresh process each time): the shipped docs,
 * then generated trees of 1,000 and 10,000 docs. Each tree is validated twice: cold (empty
 * `.cache/validate/`) and warm (nothing changed since the cold run), then with `--changed` after
 * one doc changed. On the same trees, in the same run, the anchor tools: markdownlint-cli2 with its
 * default rules and remark-cli with the same `.remarkrc.js` (neither caches, so they have one time).
 * Speed targets live here, not in timed tests.
 *
 *   npm run bench:validate [-- 1000 10000]
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTree } from './generate-tree.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(ROOT, 'scripts', 'validate', 'cli.ts');
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);

/** Cold ms per file of each generated tree, to tell linear from superlinear growth. */
const coldPerFile = new Map<number, number>();

const BIN = join(ROOT, 'node_modules', '.bin');

/** Wall seconds of an anchor tool over the tree's docs (its exit code is the findings, not a failure). */
function anchor(label: string, command: string, args: string[], cwd: string): number {
  const started = performance.now();
  const child = spawnSync(join(BIN, command), args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = (performance.now() - started) / 1000;
  process.stdout.write(`${label.padEnd(22)} ${' '.repeat(12)}  ${wall.toFixed(2).padStart(7)} s wall  exit ${child.status}\n`);
  return wall;
}

function run(label: string, root: string, extra: string[] = []): number {
  const started = performance.now();
  const child = spawnSync(TSX, [CLI, '--root', root, '--format', 'json', ...extra], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = (performance.now() - started) / 1000;
  const report = JSON.parse(child.stdout || '{"files":0,"problems":[]}') as { files: number; problems: Array<{ severity: string }> };
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  process.stdout.write(
    `${label.padEnd(22)} ${String(report.files).padStart(6)} files  ${wall.toFixed(2).padStart(7)} s wall  ` +
      `${((wall * 1000) / Math.max(1, report.files)).toFixed(2)} ms/file  ${errors} errors\n`,
  );
  return wall;
}

interface Times {
  cold: number;
  warm: number;
  markdownlint: number;
  remark: number;
  changed?: number;
}

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

function all(label: string, root: string): Times {
  rmSync(join(root, '.cache', 'validate'), { recursive: true, force: true });
  const cold = run(`${label} (cold)`, root);
  const warm = run(`${label} (warm)`, root);
  const markdownlint = anchor(`  markdownlint-cli2`, 'markdownlint-cli2', ['docs/**/*.md'], root);
  const remark = anchor(`  remark-cli`, 'remark', ['docs', '--quiet', '--no-stdout'], root);
  process.stdout.write(
    `  ratios vs markdownlint-cli2: validate cold ${ratio(cold, markdownlint)}, warm ${ratio(warm, markdownlint)}; remark-cli ${ratio(remark, markdownlint)}\n`,
  );
  return { cold, warm, markdownlint, remark };
}

/** A git repository of the tree, then one changed doc: `validate --changed` as a PR job runs it. */
function changedRun(label: string, root: string, times: Times): void {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-qm', 'tree');
  const doc = spawnSync('git', ['ls-files', 'docs'], { cwd: root, encoding: 'utf8' }).stdout.split('\n').find((f) => f.endsWith('.md'))!;
  appendFileSync(join(root, doc), '\nOne more sentence.\n');
  times.changed = run(`${label} (--changed, 1 doc)`, root, ['--changed', '--base', 'main']);
}

const shipped = all('shipped docs', ROOT);
void shipped;
for (const n of sizes.length > 0 ? sizes : [1000, 10000]) {
  const dir = mkdtempSync(join(tmpdir(), `bench-${n}-`));
  generateTree(dir, n);
  // The style rules run too: the same .remarkrc.js and packages as the repository.
  cpSync(join(ROOT, '.remarkrc.js'), join(dir, '.remarkrc.js'));
  cpSync(join(ROOT, 'scripts', 'remark'), join(dir, 'scripts', 'remark'), { recursive: true });
  cpSync(join(ROOT, 'core', 'markdown', 'dialect.js'), join(dir, 'core', 'markdown', 'dialect.js'), { recursive: true });
  cpSync(join(ROOT, 'package-lock.json'), join(dir, 'package-lock.json'));
  writeFileSync(join(dir, 'package.json'), '{"type": "module"}\n');
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, '.gitignore'), 'node_modules\n.cache\n');
  const times = all(`generated ${n}`, dir);
  changedRun(`generated ${n}`, dir, times);
  coldPerFile.set(n, (times.cold * 1000) / (n + 1));
  rmSync(dir, { recursive: true, force: true });
}

// Linear work keeps the time per file flat as the tree grows; a check that scans every file for
// each file or link (O(files^2)) makes it grow with the tree. Flag that.
const measured = [...coldPerFile.entries()].sort((a, b) => a[0] - b[0]);
if (measured.length >= 2) {
  const [small, large] = [measured[0]!, measured.at(-1)!];
  const ratio = large[1] / small[1];
  process.stdout.write(
    `scaling: cold ms/file at ${large[0]} docs is ${ratio.toFixed(2)}x that at ${small[0]} docs ` +
      `(${ratio <= 1.5 ? 'linear' : 'SUPERLINEAR: run `npm run validate -- --root <tree> --timings` to find the check'})\n`,
  );
}
