import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { parseDocument, visit, YAMLParseError, type Document } from 'yaml';
import type { Processor } from 'unified';
import type { Root } from 'mdast';
import { activeCache } from './disk-cache.ts';
import { guardedParse } from './parse-guard.ts';
import { LineIndex } from './positions.ts';
import type { DocFile, FileStatus, FrontmatterBlock } from './types.ts';

/** Files above this size are reported, not parsed: no runbook is a megabyte of Markdown. */
export const MAX_FILE_BYTES = 1024 * 1024;

export const MARKDOWN_EXTENSIONS = ['.md', '.mdx'];

/**
 * The Markdown dialect Docusaurus reads `.md` files with (`markdown.format: 'detect'`):
 * CommonMark + GFM + directives (admonitions) + YAML frontmatter.
 */
let processor: Processor<Root> | undefined;

/**
 * The parser is loaded on the first cache miss, not at start-up: a warm run whose trees all come
 * from `.cache/validate/` never loads micromark (about half a second of module loading). The
 * packages are ESM without top-level await, which Node (20.19+) loads with a synchronous
 * `require`, so parsing stays synchronous for every check and test.
 */
function markdownProcessor(): Processor<Root> {
  if (processor) return processor;
  const require = createRequire(import.meta.url);
  const { unified } = require('unified') as typeof import('unified');
  const remarkParse = (require('remark-parse') as typeof import('remark-parse')).default;
  const remarkFrontmatter = (require('remark-frontmatter') as typeof import('remark-frontmatter')).default;
  const remarkGfm = (require('remark-gfm') as typeof import('remark-gfm')).default;
  const remarkDirective = (require('remark-directive') as typeof import('remark-directive')).default;
  processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkDirective) as unknown as Processor<Root>;
  return processor;
}

export function parseMarkdown(source: string): Root {
  const markdown = markdownProcessor();
  return markdown.runSync(markdown.parse(source)) as Root;
}

/**
 * The plain value of a parsed YAML document, or undefined when it has errors. An alias to an anchor
 * that does not exist (`key: *nope`) parses without error but throws in `toJS()`: it becomes a
 * positioned `BAD_ALIAS` error of the document instead of a crash.
 */
export function yamlValue(doc: Document.Parsed): unknown {
  if (doc.errors.length > 0) return undefined;
  try {
    return doc.toJS();
  } catch (error) {
    let range: [number, number] = [0, 1];
    visit(doc, {
      Alias(_key, node) {
        let target: unknown;
        try {
          target = node.resolve(doc);
        } catch {
          target = undefined;
        }
        if (target !== undefined || !node.range) return undefined;
        range = [node.range[0], node.range[1]];
        return visit.BREAK;
      },
    });
    doc.errors.push(new YAMLParseError(range, 'BAD_ALIAS', error instanceof Error ? error.message : String(error)));
    return undefined;
  }
}

const OPEN_FENCE = /^---[ \t]*\r?\n/;
const CLOSE_FENCE = /^---[ \t]*$/m;

function readFrontmatter(source: string): { block: FrontmatterBlock | null; unclosed: boolean } {
  const open = OPEN_FENCE.exec(source);
  if (!open) return { block: null, unclosed: false };
  const offset = open[0].length;
  const rest = source.slice(offset);
  // An empty frontmatter block closes on the very next line.
  const close = rest.startsWith('---') && /^---[ \t]*(\r?\n|$)/.test(rest) ? { index: 0 } : CLOSE_FENCE.exec(rest);
  if (!close) return { block: null, unclosed: true };
  let text = rest.slice(0, close.index);
  if (text.endsWith('\n')) text = text.slice(0, -1);
  if (text.endsWith('\r')) text = text.slice(0, -1);
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, strict: true });
  const data = yamlValue(doc);
  return { block: { offset, text, doc, data }, unclosed: false };
}

function isBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8000);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function emptyFile(path: string, status: FileStatus, bytes: Uint8Array, hash: string): DocFile {
  return {
    path,
    status,
    size: bytes.length,
    hash,
    source: '',
    hasBom: false,
    lines: new LineIndex(''),
    frontmatter: null,
    frontmatterUnclosed: false,
    tree: null,
  };
}

const parsedByHash = new Map<string, { tree: Root } | { reason: string }>();

/**
 * Reads one file's bytes into the shared model. Never throws: unreadable input becomes a status
 * that the `file/readable` check reports.
 */
export function parseFile(path: string, bytes: Uint8Array): DocFile {
  const hash = createHash('sha256').update(bytes).digest('hex');
  const isMarkdown = MARKDOWN_EXTENSIONS.some((ext) => path.toLowerCase().endsWith(ext));
  if (!isMarkdown) return emptyFile(path, 'unexpected', bytes, hash);
  if (bytes.length > MAX_FILE_BYTES) return emptyFile(path, 'too-large', bytes, hash);
  if (isBinary(bytes)) return emptyFile(path, 'binary', bytes, hash);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return emptyFile(path, 'not-utf8', bytes, hash);
  }
  const hasBom = text.charCodeAt(0) === 0xfeff;
  const source = hasBom ? text.slice(1) : text;
  const { block, unclosed } = readFrontmatter(source);
  // Identical content parses identically: share the tree (fixtures and generated trees repeat files).
  let cached = parsedByHash.get(hash);
  if (!cached) {
    const disk = activeCache();
    const stored = disk.get<Root>('tree', hash);
    const failed = stored ? undefined : disk.get<string>('unparseable', hash);
    // Nesting guards, a time budget and a depth limit (parse-guard.ts): a hostile file cannot stall the run.
    cached = stored ? { tree: stored } : failed ? { reason: failed } : guardedParse(parseMarkdown, source);
    if (!stored && !failed) {
      if ('tree' in cached) disk.set('tree', hash, cached.tree);
      else disk.set('unparseable', hash, cached.reason);
    }
    parsedByHash.set(hash, cached);
  } else if ('tree' in cached) {
    activeCache().touch('tree', hash, cached.tree);
  } else {
    activeCache().touch('unparseable', hash, cached.reason);
  }
  if ('reason' in cached) return { ...emptyFile(path, 'unparseable', bytes, hash), hasBom, unparseable: cached.reason };
  return {
    path,
    status: 'ok',
    size: bytes.length,
    hash,
    source,
    hasBom,
    lines: new LineIndex(source),
    frontmatter: block,
    frontmatterUnclosed: unclosed,
    tree: cached.tree,
  };
}

export function parseText(path: string, text: string): DocFile {
  return parseFile(path, new TextEncoder().encode(text));
}
