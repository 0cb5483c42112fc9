import { createHash } from 'node:crypto';
import { parseDocument, visit, YAMLParseError, type Document } from 'yaml';
import type { Root } from 'mdast';
import { parseMarkdown } from '../../../core/markdown/parse.ts';
import { MARKDOWN_EXTENSIONS } from '../../../core/markdown/dialect.js';
import { activeCache } from './disk-cache.ts';
import { guardedParse, type Guarded } from './parse-guard.ts';
import { LineIndex } from './positions.ts';
import type { DocFile, FileStatus, FrontmatterBlock } from './types.ts';

/** Files above this size are reported, not parsed: no runbook is a megabyte of Markdown. */
export const MAX_FILE_BYTES = 1024 * 1024;

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
  const { doc, data } = frontmatterYaml(text);
  return { block: { offset, text, doc, data }, unclosed: false };
}

/** The frontmatter YAML text parsed as every doc's is (also for docs whose facts come from the index). */
export function frontmatterYaml(text: string): { doc: Document.Parsed; data: unknown } {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, strict: true });
  return { doc, data: yamlValue(doc) };
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

const parsedByHash = new Map<string, Guarded>();

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
  const cached = treeOf(hash, source);
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

/**
 * The tree of a doc's text (without a BOM) whose bytes hash to `hash`: from this process, the
 * disk cache, or a guarded parse, which is cached.
 */
export function treeOf(hash: string, source: string): Guarded {
  // Identical content parses identically: share the tree (fixtures and generated trees repeat files).
  let cached = parsedByHash.get(hash);
  if (!cached) {
    const disk = activeCache();
    const stored = disk.get<Root>('tree', hash);
    const failed = stored ? undefined : disk.get<string>('unparseable', hash);
    // Nesting guards, a time budget and a depth limit (parse-guard.ts): a hostile file cannot stall the run.
    cached = stored ? { tree: stored } : failed ? { reason: failed, lasting: true } : guardedParse(parseMarkdown, source);
    if (!stored && !failed) {
      if ('tree' in cached) disk.set('tree', hash, cached.tree);
      else if (cached.lasting) disk.set('unparseable', hash, cached.reason);
    }
    if ('tree' in cached || cached.lasting) parsedByHash.set(hash, cached);
  } else if ('tree' in cached) {
    activeCache().touch('tree', hash, cached.tree);
  } else if (cached.lasting) {
    activeCache().touch('unparseable', hash, cached.reason);
  }
  return cached;
}

export function parseText(path: string, text: string): DocFile {
  return parseFile(path, new TextEncoder().encode(text));
}
