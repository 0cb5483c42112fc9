/**
 * Every external URL of the handbook with its position: Markdown links, images, reference
 * definitions, autolinks and `href`/`src` in raw HTML (from the shared parse of the validation
 * engine), plus http(s) URLs in frontmatter values and in the YAML data files (service catalog,
 * alert rules), positioned with the YAML node offsets.
 */
import type { Node as MdNode, Parent } from 'mdast';
import { visit, type Document } from 'yaml';
import type { LineIndex } from '../validate/engine/positions.ts';
import type { DataFile, DocFile } from '../validate/engine/types.ts';

export interface Occurrence {
  /** The URL as written (after Markdown unescaping). */
  url: string;
  file: string;
  line: number;
  column: number;
  /** Where it was found, for messages: `link`, `image`, `definition`, `html`, `frontmatter`, `data`. */
  kind: 'link' | 'image' | 'definition' | 'html' | 'frontmatter' | 'data';
}

/**
 * http(s) URLs inside free text: at the start of the text or after a space, `(` or `<`, up to
 * whitespace, quotes, angle brackets and closing brackets. A URL glued to other characters (inside a
 * PromQL matcher such as `instance=~"https://(a|b)\.example\.com"`, a template) is not a link.
 */
const URL_IN_TEXT = /(?<=^|[\s(<])https?:\/\/[^\s<>"'`)\]}]+/gi;
/** `href="…"`/`src='…'` in raw HTML. */
const HTML_ATTR = /\b(?:href|src)\s*=\s*(["'])(https?:\/\/[^"']+)\1/gi;
const EXTERNAL = /^https?:/i;

/** Trailing sentence punctuation is not part of a URL written in prose. */
function trimUrl(raw: string): string {
  return raw.replace(/[.,;:!?]+$/, '');
}

export function urlsInText(text: string): { url: string; index: number }[] {
  const out: { url: string; index: number }[] = [];
  for (const match of text.matchAll(URL_IN_TEXT)) out.push({ url: trimUrl(match[0]), index: match.index });
  return out;
}

/** Markdown occurrences: walks the mdast tree of one parsed file. Code is skipped (it is not a link). */
export function extractMarkdown(file: DocFile): Occurrence[] {
  if (file.status !== 'ok' || !file.tree) return [];
  const out: Occurrence[] = [];
  const at = (node: MdNode) => node.position?.start ?? { line: 1, column: 1 };
  const walk = (node: MdNode) => {
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
      const url = (node as unknown as { url: string }).url;
      if (EXTERNAL.test(url)) out.push({ url, file: file.path, ...pick(at(node)), kind: node.type });
    } else if (node.type === 'html') {
      const start = node.position?.start.offset;
      const value = (node as unknown as { value: string }).value;
      for (const match of value.matchAll(HTML_ATTR)) {
        const offset = start === undefined ? undefined : start + match.index + match[0].indexOf(match[2]!);
        out.push({ url: match[2]!, file: file.path, ...(offset === undefined ? pick(at(node)) : file.lines.position(offset)), kind: 'html' });
      }
    }
    if ('children' in node) for (const child of (node as Parent).children) walk(child);
  };
  walk(file.tree);
  return out;
}

const pick = ({ line, column }: { line: number; column: number }) => ({ line, column });

/**
 * URLs in the string values of a YAML document. `base` is the offset of the YAML text in the file
 * (the frontmatter starts after `---`); positions point at the URL itself when the scalar's source
 * holds it verbatim, else at the scalar.
 */
export function extractYaml(doc: Document, yamlText: string, base: number, lines: LineIndex, file: string, kind: Occurrence['kind']): Occurrence[] {
  const out: Occurrence[] = [];
  visit(doc, {
    Scalar(key, node) {
      if (key === 'key' || typeof node.value !== 'string' || !node.range) return;
      const [start, end] = node.range;
      const source = yamlText.slice(start, end);
      for (const { url } of urlsInText(node.value)) {
        const index = source.indexOf(url);
        out.push({ url, file, ...lines.position(base + start + Math.max(0, index)), kind });
      }
    },
  });
  return out;
}

export function extractFrontmatter(file: DocFile): Occurrence[] {
  const block = file.frontmatter;
  if (!block || block.doc.errors.length > 0) return [];
  return extractYaml(block.doc, block.text, block.offset, file.lines, file.path, 'frontmatter');
}

export function extractData(file: DataFile): Occurrence[] {
  if (file.doc.errors.length > 0) return [];
  return extractYaml(file.doc, file.text, 0, file.lines, file.path, 'data');
}

export function extractFile(file: DocFile): Occurrence[] {
  return [...extractFrontmatter(file), ...extractMarkdown(file)];
}
