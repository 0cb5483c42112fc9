/** Build-time only (Node): which handbook sections exist under `docs/`. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDocPath } from '../files.ts';
import { SECTIONS, type Section } from './sections.ts';

export const SITE_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const DOCS_DIR = join(SITE_DIR, 'docs');

/** True when `dir` holds at least one Markdown doc, at any depth. */
function hasDocs(docsDir: string, dir: string): boolean {
  const abs = join(docsDir, dir);
  if (!existsSync(abs)) return false;
  return readdirSync(abs, { withFileTypes: true }).some((entry) => {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    return entry.isDirectory() ? !entry.name.startsWith('.') && hasDocs(docsDir, path) : isDocPath(path);
  });
}

/**
 * Sections whose folder exists under `docs/` and holds at least one doc, in sidebar order.
 * Folders are added as the handbook grows; a missing one must not break links or the sidebar.
 */
export function existingSections(docsDir: string = DOCS_DIR): Section[] {
  return SECTIONS.filter((section) => hasDocs(docsDir, section.folder));
}
