import { cpSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './examples.ts';

/**
 * A temporary repository that `validate` can run in: the style config with its plugins and the
 * Markdown dialect it imports, the lockfile, a `"type": "module"` package.json, node_modules linked
 * from this repository, and `paths` of this repository (docs, data) copied in.
 */
export function validatorTree(prefix: string, paths: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const path of ['.remarkrc.js', 'core/markdown/dialect.js', 'scripts/remark', 'package-lock.json', ...paths]) cpSync(join(ROOT, path), join(dir, path), { recursive: true });
  // .remarkrc.js imports its plugins by package name: resolve them from the repository.
  writeFileSync(join(dir, 'package.json'), '{"type": "module"}\n');
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}
