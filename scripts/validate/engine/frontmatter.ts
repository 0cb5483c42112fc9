import type { DocFile } from './types.ts';

/** The frontmatter as a plain object, or undefined when it is missing or not a mapping. */
export function frontmatterData(file: DocFile): Record<string, unknown> | undefined {
  const data = file.frontmatter?.data;
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
}

/** Absolute offset (in the file) of the value at `path` in the frontmatter, else of the block. */
export function frontmatterValueOffset(file: DocFile, path: readonly (string | number)[]): number {
  const fm = file.frontmatter;
  if (!fm) return 0;
  const node = fm.doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  return fm.offset + (node?.range?.[0] ?? 0);
}
