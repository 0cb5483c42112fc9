/**
 * Raw HTML and JSX tags of a doc, found in its source outside code (fenced, indented, inline) and
 * frontmatter, wherever they are: paragraphs, admonitions, lists, tables, link text. One scanner for
 * `.md` (CommonMark raw HTML, which Docusaurus renders as is) and `.mdx` (JSX, whose attributes may
 * be `{expressions}`), shared by the `security/*` checks and computed once per file.
 *
 * It is deliberately wider than a Markdown parser's idea of HTML: anything a renderer might turn
 * into an element counts, so a tag cannot slip through by being in an unusual place.
 */
import type { Nodes } from 'mdast';
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { visit } from 'unist-util-visit';
import type { DocFile, Project } from '../engine/types.ts';
import { fileFact } from '../engine/facts.ts';

export interface Attribute {
  /** Name as written (`onClick`, `href`, `xlink:href`); `{…}` for a JSX spread. */
  name: string;
  /** Offset of the attribute's name in the file's source. */
  start: number;
  /** The value with HTML character references decoded (string literal of a JSX expression), or null. */
  value: string | null;
  /** The value as written, quotes or braces included (empty when there is none). */
  raw: string;
  /** Offset of the value in the source (of the name when there is none). */
  valueStart: number;
  /** `{…}`: a JSX expression (MDX). */
  expression: boolean;
}

export interface Tag {
  /** Lower-cased for HTML (`script`); as written for components (`Tabs`). */
  name: string;
  /** Offset of `<` in the source. */
  start: number;
  attributes: Attribute[];
  /** Offset just after the closing `>`. */
  end: number;
}

/** A tag longer than this is not scanned further (a flood of `<` must stay linear). */
const MAX_TAG_CHARS = 4000;

/** Source ranges that are not rendered as HTML: code, inline code and frontmatter. */
export function inertRanges(file: DocFile): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  if (!file.tree) return ranges;
  visit(file.tree, (node: Nodes) => {
    if (node.type !== 'code' && node.type !== 'inlineCode' && node.type !== 'yaml') return;
    const s = node.position?.start.offset;
    const e = node.position?.end.offset;
    if (s !== undefined && e !== undefined) ranges.push([s, e]);
  });
  if (file.frontmatter) ranges.push([0, file.frontmatter.offset + file.frontmatter.text.length]);
  return ranges.sort((a, b) => a[0] - b[0]);
}

const NAMED = /&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);?/g;

/** Decodes HTML character references (`&#106;`, `&colon;`, `&Tab;`) as a browser does in attributes. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(NAMED, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
    }
    const named = decodeNamedCharacterReference(ref);
    return named === false ? whole : named;
  });
}

/** Skips a balanced `{…}` starting at `i` (strings and template literals respected); returns the index after it, or -1. */
function skipBraces(src: string, i: number, limit: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let j = i; j < limit; j++) {
    const c = src[j]!;
    if (quote) {
      if (c === '\\') j++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return j + 1;
  }
  return -1;
}

/** The string a JSX expression evaluates to when it is one string literal (`{'…'}`, `{"…"}`, `` {`…`} `` without `${`). */
function literalOf(expression: string): string | null {
  const m = /^\{\s*(["'`])([\s\S]*)\1\s*\}$/.exec(expression);
  if (!m || (m[1] === '`' && m[2]!.includes('${'))) return null;
  return m[2]!.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_w, e: string) => {
    if (e.startsWith('u{')) return String.fromCodePoint(parseInt(e.slice(2, -1), 16));
    if (e.startsWith('u') && e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e.startsWith('x') && e.length === 3) return String.fromCharCode(parseInt(e.slice(1), 16));
    return e;
  });
}

/** Parses one tag starting at `<` (offset `start`); null when it is not a complete opening tag. */
function parseTag(src: string, start: number, mdx: boolean): Tag | null {
  const nameMatch = /^<([A-Za-z][A-Za-z0-9.:_-]*)(?=[\s/>{])/.exec(src.slice(start, start + 256));
  if (!nameMatch) return null;
  const written = nameMatch[1]!;
  const limit = Math.min(src.length, start + MAX_TAG_CHARS);
  const attributes: Attribute[] = [];
  let i = start + nameMatch[0].length;
  while (i < limit) {
    while (i < limit && /\s/.test(src[i]!)) i++;
    if (i >= limit) return null;
    const c = src[i]!;
    if (c === '>') return { name: /^[a-z]/.test(written) || !mdx ? written.toLowerCase() : written, start, attributes, end: i + 1 };
    if (c === '/') {
      i++;
      continue;
    }
    if (c === '{') {
      const end = skipBraces(src, i, limit);
      if (end < 0) return null;
      attributes.push({ name: '{…}', start: i, value: null, raw: src.slice(i, end), valueStart: i, expression: true });
      i = end;
      continue;
    }
    const attr = /^[^\s"'>/=]+/.exec(src.slice(i, Math.min(limit, i + 256)));
    if (!attr) return null;
    const name = attr[0];
    const nameStart = i;
    i += name.length;
    let j = i;
    while (j < limit && /\s/.test(src[j]!)) j++;
    if (src[j] !== '=') {
      attributes.push({ name, start: nameStart, value: null, raw: '', valueStart: nameStart, expression: false });
      continue;
    }
    j++;
    while (j < limit && /\s/.test(src[j]!)) j++;
    const q = src[j];
    if (q === '"' || q === "'") {
      const close = src.indexOf(q, j + 1);
      if (close < 0 || close >= limit) return null;
      const raw = src.slice(j, close + 1);
      attributes.push({ name, start: nameStart, value: decodeEntities(raw.slice(1, -1)), raw, valueStart: j + 1, expression: false });
      i = close + 1;
    } else if (q === '{') {
      const end = skipBraces(src, j, limit);
      if (end < 0) return null;
      const raw = src.slice(j, end);
      attributes.push({ name, start: nameStart, value: literalOf(raw), raw, valueStart: j, expression: true });
      i = end;
    } else {
      const unquoted = /^[^\s>]+/.exec(src.slice(j, Math.min(limit, j + MAX_TAG_CHARS)));
      if (!unquoted) return null;
      attributes.push({ name, start: nameStart, value: decodeEntities(unquoted[0]), raw: unquoted[0], valueStart: j, expression: false });
      i = j + unquoted[0].length;
    }
  }
  return null;
}

/** Every opening tag in the file outside code and frontmatter, in source order (derived once per file and run). */
export const TAGS = fileFact('html-tags', (file): Tag[] => {
  const tags: Tag[] = [];
  const src = file.source;
  const mdx = file.path.toLowerCase().endsWith('.mdx');
  const inert = inertRanges(file);
  let r = 0;
  let i = src.indexOf('<');
  while (i >= 0) {
    while (r < inert.length && inert[r]![1] <= i) r++;
    if (r < inert.length && inert[r]![0] <= i) {
      i = src.indexOf('<', inert[r]![1]);
      continue;
    }
    if (src.startsWith('<!--', i)) {
      const close = src.indexOf('-->', i + 4);
      i = close < 0 ? -1 : src.indexOf('<', close + 3);
      continue;
    }
    let slashes = 0;
    for (let k = i - 1; k >= 0 && src[k] === '\\'; k--) slashes++;
    const tag = slashes % 2 === 0 ? parseTag(src, i, mdx) : null;
    if (tag) tags.push(tag);
    i = src.indexOf('<', tag ? tag.end : i + 1);
  }
  return tags;
});

export const tagsOf = (file: DocFile, project: Project): Tag[] => project.facts.of(TAGS, file);
