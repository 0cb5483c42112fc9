/**
 * Shell blocks of a page, extracted once from the shared mdast as "virtual files" (like
 * eslint/markdown's processor): the block's shell text plus, for every line, the offset in the .md
 * source of the line's first character after the container prefix (list indentation, `> `
 * markers, a console `$ ` prompt). Every problem found in the virtual text maps back to the exact
 * `line:column` of the .md file.
 */
import type { Code, Html, Node, Parent, Root } from 'mdast';
import type { DocFile, Project } from '../engine/types.ts';
import { fileFact } from '../engine/facts.ts';
import { isShellLanguage } from '../../../core/shell.ts';


/** An opt-out marker: `skip-check="rule: reason"` in the fence meta, or `<!-- commands-ignore rule: reason -->` before it. */
export interface OptOut {
  rules: string[];
  reason: string;
  /** Offset of the marker in the .md source. */
  offset: number;
  /** The marker text, for messages. */
  text: string;
}

export interface ShellBlock {
  node: Code;
  lang: string;
  /** The shell text to parse: console output lines are blanked, prompts removed. */
  text: string;
  /** For each line of `text`: its start offset in `text`, and the .md offset of its first character. */
  lineStarts: number[];
  mdStarts: number[];
  optOuts: OptOut[];
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

const META_SKIP = /skip-check=(?:"([^"]*)"|'([^']*)'|(\S+))/g;
const COMMENT_SKIP = /^<!--\s*commands-ignore\b([\s\S]*?)-->\s*$/;

function parseMarker(body: string, offset: number, text: string): OptOut {
  const colon = body.indexOf(':');
  const rulesText = colon >= 0 ? body.slice(0, colon) : body;
  const reason = colon >= 0 ? body.slice(colon + 1).trim() : '';
  const rules = rulesText.split(/[\s,]+/).filter(Boolean);
  return { rules, reason, offset, text: text.trim() };
}

function optOutsOf(file: DocFile, code: Code, previous: Node | undefined): OptOut[] {
  const out: OptOut[] = [];
  const fenceStart = code.position?.start.offset ?? 0;
  if (code.meta) {
    const fenceLine = file.source.slice(fenceStart, file.source.indexOf('\n', fenceStart) >>> 0);
    for (const m of code.meta.matchAll(META_SKIP)) {
      const within = fenceLine.indexOf(m[0]);
      out.push(parseMarker(m[1] ?? m[2] ?? m[3] ?? '', fenceStart + Math.max(0, within), m[0]));
    }
  }
  if (previous?.type === 'html') {
    const html = previous as Html;
    const m = COMMENT_SKIP.exec(html.value);
    if (m) out.push(parseMarker(m[1]!, html.position?.start.offset ?? 0, html.value));
  }
  return out;
}

interface Walked {
  code: Code;
  previous: Node | undefined;
}

/** The shell blocks of a file, in document order (derived once per file and run). */
export const SHELL_BLOCKS = fileFact('shell-blocks', (file): ShellBlock[] => {
  const blocks: ShellBlock[] = [];
  const tree = file.tree;
  if (!tree) return blocks;

  // One document-order walk: headings, danger/warning admonitions and shell code blocks.
  const headings: number[] = [];
  const admonitions: Array<{ start: number; end: number }> = [];
  const codes: Walked[] = [];
  const visit = (node: Parent | Root) => {
    node.children.forEach((child, i) => {
      const start = child.position?.start.offset ?? 0;
      if (child.type === 'heading') headings.push(start);
      if (child.type === 'containerDirective' && (child.name === 'danger' || child.name === 'warning')) {
        admonitions.push({ start, end: child.position?.end.offset ?? start });
      }
      if (child.type === 'code' && isShellLanguage(child.lang)) {
        codes.push({ code: child, previous: node.children[i - 1] });
      }
      if ('children' in child) visit(child as Parent);
    });
  };
  visit(tree);
  if (codes.length === 0) return blocks;

  const src = sourceLines(file);
  for (const { code, previous } of codes) {
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
      optOuts: optOutsOf(file, code, previous),
      sectionStart,
      admonitions: admonitions.filter((a) => a.start >= sectionStart && a.start < start).map((a) => a.start),
      start,
    });
  }
  return blocks;
});

export const shellBlocks = (file: DocFile, project: Project): ShellBlock[] => project.facts.of(SHELL_BLOCKS, file);

/** The opt-out reason for `rule` in `block`, if a marker with a reason names it (or `commands/*`). */
export function optedOut(block: ShellBlock, rule: string): OptOut | undefined {
  return block.optOuts.find((o) => o.reason !== '' && (o.rules.includes(rule) || o.rules.includes('commands/*')));
}
