/**
 * Shell blocks of a page, extracted once from the shared mdast as "virtual files" (like
 * eslint/markdown's processor): the block's shell text plus, for every line, the offset in the .md
 * source of the line's first character after the container prefix (list indentation, `> `
 * markers, a console `$ ` prompt). Every problem found in the virtual text maps back to the exact
 * `line:column` of the .md file.
 */
import type { Code, Parent, Root } from 'mdast';
import type { DocFile, Project } from '../engine/types.ts';
import { fileFact } from '../engine/facts.ts';
import { isShellLanguage } from '../../../core/shell.ts';

export interface ShellBlock {
  node: Code;
  lang: string;
  /** The shell text to parse: console output lines are blanked, prompts removed. */
  text: string;
  /** For each line of `text`: its start offset in `text`, and the .md offset of its first character. */
  lineStarts: number[];
  mdStarts: number[];
  /** .md offset where the block's section starts (its nearest preceding heading, or 0). */
  sectionStart: number;
  /** .md offsets of the `:::danger` / `:::warning` admonitions in the block's section before it (or around it). */
  admonitions: number[];
  /** .md offset of the code fence. */
  start: number;
}

/** Maps an offset in the block's virtual text to an offset in the .md source. */
export function toSource(block: ShellBlock, offset: number): number {
  const starts = block.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return block.mdStarts[lo]! + (offset - starts[lo]!);
}

const PROMPT = /^[$#](?: |$)/;

function sourceLines(file: DocFile): { text: string[]; starts: number[] } {
  const text = file.source.split('\n');
  const starts: number[] = [];
  let at = 0;
  for (const line of text) {
    starts.push(at);
    at += line.length + 1;
  }
  return { text: text.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)), starts };
}

/** The shell blocks of a file, in document order (derived once per file and run). */
export const SHELL_BLOCKS = fileFact('shell-blocks', (file): ShellBlock[] => {
  const blocks: ShellBlock[] = [];
  const tree = file.tree;
  if (!tree) return blocks;

  // One document-order walk: headings, danger/warning admonitions and shell code blocks.
  const headings: number[] = [];
  const admonitions: Array<{ start: number; end: number }> = [];
  const codes: Code[] = [];
  const visit = (node: Parent | Root) => {
    node.children.forEach((child) => {
      const start = child.position?.start.offset ?? 0;
      if (child.type === 'heading') headings.push(start);
      if (child.type === 'containerDirective' && (child.name === 'danger' || child.name === 'warning')) {
        admonitions.push({ start, end: child.position?.end.offset ?? start });
      }
      if (child.type === 'code' && isShellLanguage(child.lang)) {
        codes.push(child);
      }
      if ('children' in child) visit(child as Parent);
    });
  };
  visit(tree);
  if (codes.length === 0) return blocks;

  const src = sourceLines(file);
  for (const code of codes) {
    const lang = (code.lang ?? '').toLowerCase();
    const start = code.position?.start.offset ?? 0;
    const firstLine = (code.position?.start.line ?? 1) + 1;
    const valueLines = code.value.split('\n');
    const lines: string[] = [];
    const mdStarts: number[] = [];
    let continued = false;
    valueLines.forEach((value, k) => {
      const clean = value.endsWith('\r') ? value.slice(0, -1) : value;
      const lineNo = firstLine + k;
      const raw = src.text[lineNo - 1] ?? '';
      const prefix = raw.endsWith(clean) ? raw.length - clean.length : 0;
      let md = (src.starts[lineNo - 1] ?? start) + prefix;
      let text = clean;
      if (lang === 'console') {
        if (continued) {
          // A `\` continuation of a command line.
        } else if (PROMPT.test(clean)) {
          const strip = Math.min(2, clean.length);
          text = clean.slice(strip);
          md += strip;
        } else {
          text = '';
        }
        continued = text !== '' && /\\$/.test(text);
      }
      lines.push(text);
      mdStarts.push(md);
    });
    const lineStarts: number[] = [];
    let at = 0;
    for (const line of lines) {
      lineStarts.push(at);
      at += line.length + 1;
    }
    const sectionStart = headings.filter((h) => h < start).pop() ?? 0;
    blocks.push({
      node: code,
      lang,
      text: lines.join('\n'),
      lineStarts,
      mdStarts,
      sectionStart,
      admonitions: admonitions.filter((a) => a.start >= sectionStart && a.start < start).map((a) => a.start),
      start,
    });
  }
  return blocks;
});

export const shellBlocks = (file: DocFile, project: Project): ShellBlock[] => project.facts.of(SHELL_BLOCKS, file);
