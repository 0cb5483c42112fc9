/**
 * Benchmark of `npm run validate` as a user runs it (a fresh process each time): the shipped docs,
 * then generated trees of 1,000 and 10,000 docs. Each tree is validated twice: cold (empty
 * `.cache/validate/`) and warm (nothing changed since the cold run). Speed targets live here, not
 * in timed tests.
 *
 *   npm run bench:validate [-- 1000 10000]
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

function run(label: string, root: string): number {
  const started = performance.now();
  const child = spawnSync(TSX, [CLI, '--root', root, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = (performance.now() - started) / 1000;
  const report = JSON.parse(child.stdout || '{"files":0,"problems":[]}') as { files: number; problems: Array<{ severity: string }> };
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  process.stdout.write(
    `${label.padEnd(22)} ${String(report.files).padStart(6)} files  ${wall.toFixed(2).padStart(7)} s wall  ` +
      `${((wall * 1000) / Math.max(1, report.files)).toFixed(2)} ms/file  ${errors} errors\n`,
  );
  return (wall * 1000) / Math.max(1, report.files);
}

function both(label: string, root: string): number {
  rmSync(join(root, '.cache', 'validate'), { recursive: true, force: true });
  const cold = run(`${label} (cold)`, root);
  run(`${label} (warm)`, root);
  return cold;
}

both('shipped docs', ROOT);
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
  coldPerFile.set(n, both(`generated ${n}`, dir));
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
