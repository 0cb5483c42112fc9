/**
 * Benchmark of `npm run validate`: the shipped docs, then generated trees of 1,000 and 10,000 docs.
 * Speed targets live here, not in timed tests.
 *
 *   npm run bench:validate [-- 1000 10000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validate } from '../validate/validate.ts';
import { generateTree } from './generate-tree.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);

async function time(label: string, root: string) {
  const options = { strictReviews: false, now: new Date() };
  const result = await validate(root, [], options);
  const perFile = result.elapsedMs / Math.max(1, result.files);
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  process.stdout.write(
    `${label.padEnd(16)} ${String(result.files).padStart(6)} files  ${(result.elapsedMs / 1000).toFixed(2).padStart(7)} s  ` +
      `${perFile.toFixed(2)} ms/file  ${errors} errors  rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB\n`,
  );
}

await time('shipped docs', ROOT);
for (const n of sizes.length > 0 ? sizes : [1000, 10000]) {
  const dir = mkdtempSync(join(tmpdir(), `bench-${n}-`));
  generateTree(dir, n);
  await time(`generated ${n}`, dir);
  rmSync(dir, { recursive: true, force: true });
}
