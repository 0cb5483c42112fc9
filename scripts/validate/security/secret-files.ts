/**
 * Files besides the docs that are published or shipped with the site and so are scanned for
 * secrets on a whole-tree run: the data files under `src/data/` (catalog, alert rules, toolbox)
 * and the scripts under `static/scripts/`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LineIndex } from '../engine/positions.ts';
import type { SourceRef } from '../engine/types.ts';

export const SECRET_SCAN_DIRS = ['src/data', 'static/scripts'] as const;
const MAX_BYTES = 1024 * 1024;

/** Repo-relative paths of every regular file under the scanned folders (dot-files included: `.env` is the classic leak). */
export function secretScanPaths(root: string): string[] {
  const out: string[] = [];
  const visit = (rel: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory() && depth < 16 && e.name !== 'node_modules') visit(child, depth + 1);
      else if (e.isFile()) out.push(child);
    }
  };
  for (const dir of SECRET_SCAN_DIRS) visit(dir, 0);
  return out.sort();
}

export interface ScannedText extends SourceRef {
  text: string;
}

/** The file's text, or null when it is binary, not UTF-8 or larger than 1 MB. */
export function readScanned(root: string, path: string): ScannedText | null {
  try {
    if (statSync(join(root, path)).size > MAX_BYTES) return null;
    const bytes = readFileSync(join(root, path));
    if (bytes.subarray(0, 8000).includes(0)) return null;
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { path, text, lines: new LineIndex(text) };
  } catch {
    return null;
  }
}
