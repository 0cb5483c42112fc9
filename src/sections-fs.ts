/** Build-time only (Node): which handbook sections exist under `docs/`. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SECTIONS, type Section } from './sections.ts';

export const SITE_DIR = fileURLToPath(new URL('..', import.meta.url));
export const DOCS_DIR = join(SITE_DIR, 'docs');

/** True when `dir` holds at least one Markdown doc, at any depth. */
function hasDocs(dir: string): boolean {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { withFileTypes: true }).some((entry) =>
    entry.isDirectory()
      ? !entry.name.startsWith('_') && !entry.name.startsWith('.') && hasDocs(join(dir, entry.name))
      : /\.mdx?$/.test(entry.name) && !entry.name.startsWith('_'),
  );
}

/**
 * Sections whose folder exists under `docs/` and holds at least one doc, in sidebar order.
 * Folders are added as the handbook grows; a missing one must not break links or the sidebar.
 */
export function existingSections(docsDir: string = DOCS_DIR): Section[] {
  return SECTIONS.filter((section) => hasDocs(join(docsDir, section.folder)));
}
