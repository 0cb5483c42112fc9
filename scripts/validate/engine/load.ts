import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { isMap, isScalar, parseDocument } from 'yaml';
import { DOCS_DIR, isExcludedPath } from '../../../core/files.ts';
import { secretScanPaths } from '../security/secret-files.ts';
import { parseFile, yamlValue } from './parse.ts';
import { FactStore } from './fact-store.ts';
import type { FileIndex } from './file-index.ts';
import { LineIndex } from './positions.ts';
import type { DataFile, Project, ScriptFile, TagList, ValidateOptions } from './types.ts';

export { DOCS_DIR };
export const TAGS_FILE = 'docs/tags.yml';
export const CATALOG_FILE = 'src/data/catalog.yml';
export const ALERTS_DIR = 'src/data/alerts';
export const PLATFORM_FILE = 'src/data/platform.yml';
export const SCRIPTS_DIR = 'static/scripts';
const isScriptPath = (p: string) => p.startsWith(`${SCRIPTS_DIR}/`) && p.endsWith('.sh');

/** `static/scripts/*.sh` of the repository (or of `files`, for tests and examples). */
function readScripts(root: string, files?: Record<string, string>): ScriptFile[] {
  let paths: string[];
  if (files) paths = Object.keys(files).filter(isScriptPath).sort();
  else {
    try {
      paths = readdirSync(join(root, SCRIPTS_DIR)).filter((n) => n.endsWith('.sh')).map((n) => `${SCRIPTS_DIR}/${n}`).sort();
    } catch {
      paths = [];
    }
  }
  return paths.flatMap((p) => {
    const text = files ? files[p]! : readText(root, p);
    return text === null ? [] : [{ path: p, text, lines: new LineIndex(text) }];
  });
}

/**
 * Identical data files parse identically: the parse is shared within the process (tests and
 * examples build hundreds of projects over the same src/data/platform.yml, a 35 ms parse each).
 * Checks only read a DataFile. Bounded, like the tree cache of parse.ts.
 */
const dataByText = new Map<string, DataFile>();

export function loadDataFile(path: string, text: string): DataFile {
  const key = `${path}\0${text}`;
  const known = dataByText.get(key);
  if (known) return known;
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const file: DataFile = { path, text, lines: new LineIndex(text), doc, data: yamlValue(doc) };
  if (dataByText.size >= 64) dataByText.clear();
  dataByText.set(key, file);
  return file;
}

function readText(root: string, path: string): string | null {
  try {
    return readFileSync(join(root, path), 'utf8');
  } catch {
    return null;
  }
}

/**
 * The catalog and alert rule files: from `files` where they hold them (tests, examples), else from
 * the repository at `root`.
 */
function readData(root: string, files: Record<string, string> = {}): Pick<Project, 'catalog' | 'alertRules' | 'platform'> {
  const catalogText = files[CATALOG_FILE] ?? readText(root, CATALOG_FILE);
  const platformText = files[PLATFORM_FILE] ?? readText(root, PLATFORM_FILE);
  let rulePaths = Object.keys(files).filter((p) => p.startsWith(`${ALERTS_DIR}/`));
  const fromMemory = rulePaths.length > 0;
  if (!fromMemory) {
    try {
      rulePaths = readdirSync(join(root, ALERTS_DIR)).filter((n) => /\.ya?ml$/.test(n)).map((n) => `${ALERTS_DIR}/${n}`).sort();
    } catch {
      rulePaths = [];
    }
  }
  return {
    catalog: catalogText === null ? null : loadDataFile(CATALOG_FILE, catalogText),
    platform: platformText === null ? null : loadDataFile(PLATFORM_FILE, platformText),
    alertRules: rulePaths.flatMap((p) => {
      const text = fromMemory ? files[p]! : readText(root, p);
      return text === null ? [] : [loadDataFile(p, text)];
    }),
  };
}

/** Files Docusaurus expects beside docs and that are not docs themselves. */
const ASSET_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.gif', '.svg', '.webp', '.avif', '.ico']);
const METADATA_FILES = new Set(['_category_.json', '_category_.yml', '_category_.yaml', 'tags.yml', 'search-synonyms.yml']);

function isDocCandidate(name: string): boolean {
  if (METADATA_FILES.has(name)) return false;
  const dot = name.lastIndexOf('.');
  return !(dot >= 0 && ASSET_EXTENSIONS.has(name.slice(dot).toLowerCase()));
}

const toPosix = (p: string) => p.split(sep).join('/');

/**
 * Every doc candidate below `dir` (repo-relative paths), skipping dot-files, node_modules and what
 * Docusaurus excludes from the docs (partials such as `_snippet.md`, core/files.ts), with `dir` as
 * the docs folder.
 */
export function walk(root: string, dir: string): string[] {
  const out: string[] = [];
  const base = resolve(root, dir);
  // Paths are built by concatenation, not path.join/relative: a 10,000-doc walk spent more time in
  // those (0.2 s) than in readdir and stat.
  const prefix = toPosix(relative(root, base));
  const visit = (abs: string, rel: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const inDocs = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) visit(`${abs}${sep}${entry.name}`, inDocs);
      else if (entry.isFile() && isDocCandidate(entry.name) && !isExcludedPath(inDocs)) {
        out.push(prefix === '' ? inDocs : `${prefix}/${inDocs}`);
      }
    }
  };
  visit(base, '');
  return out.sort();
}

export class UsageError extends Error {}

/**
 * Which files a run reads and which it reports on. With no paths: the whole docs tree. With paths
 * inside docs/: the whole docs tree is read (ids, tags and links are project-wide) but only the
 * given files are reported. Paths outside docs/ (fixtures) form their own project.
 */
export function selectFiles(root: string, paths: string[]): { read: string[]; targets: string[] } {
  if (paths.length === 0) {
    const all = walk(root, DOCS_DIR);
    return { read: all, targets: [...all, TAGS_FILE] };
  }
  const targets: string[] = [];
  for (const p of paths) {
    const abs = resolve(root, p);
    let stat;
    try {
      stat = statSync(abs);
    } catch {
      throw new UsageError(`no such file or directory: ${p}`);
    }
    const rel = toPosix(relative(root, abs));
    if (rel.startsWith('..')) throw new UsageError(`${p} is outside the repository`);
    if (stat.isDirectory()) {
      targets.push(...walk(root, rel));
      if (rel === DOCS_DIR) targets.push(TAGS_FILE);
    }
    else targets.push(rel);
  }
  const unique = [...new Set(targets)].sort();
  const touchesDocs = unique.some((p) => p.startsWith(`${DOCS_DIR}/`));
  const read = (touchesDocs ? [...new Set([...walk(root, DOCS_DIR), ...unique])] : unique)
    .filter((p) => p !== TAGS_FILE && p !== CATALOG_FILE && p !== PLATFORM_FILE && !isScriptPath(p) && !p.startsWith(`${ALERTS_DIR}/`))
    .sort();
  return { read, targets: unique };
}

export function loadTags(path: string, text: string | null): TagList {
  const byKey: TagList['byKey'] = new Map();
  if (text === null) return { path, lines: new LineIndex(''), doc: null, byKey };
  const doc = parseDocument(text, { prettyErrors: false });
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const value = isMap(pair.value) ? (pair.value.toJSON() as Record<string, unknown>) : {};
      byKey.set(key, {
        key,
        offset: pair.key.range?.[0] ?? 0,
        label: typeof value['label'] === 'string' ? value['label'] : undefined,
        description: typeof value['description'] === 'string' ? value['description'] : undefined,
      });
    }
  }
  return { path, lines: new LineIndex(text), doc, byKey };
}

function readTags(root: string): TagList {
  let text: string | null = null;
  try {
    text = readFileSync(join(root, TAGS_FILE), 'utf8');
  } catch {
    text = null;
  }
  return loadTags(TAGS_FILE, text);
}

/** A project with its own, empty facts store. */
export function withFacts(fields: Omit<Project, 'facts'>): Project {
  const project: Project = { ...fields, facts: new FactStore(() => project) };
  return project;
}

/** What a run reads besides the docs: the tag list, the catalog, the platform, the alert rules and the scripts. */
export function loadProjectData(root: string): Pick<Project, 'tags' | 'catalog' | 'alertRules' | 'platform' | 'scripts'> {
  return { tags: readTags(root), ...readData(root), scripts: readScripts(root) };
}

/** `selection`: what `selectFiles(root, paths)` returned, when the caller has it (one walk per run). */
export function loadProject(root: string, paths: string[], options: ValidateOptions, index?: FileIndex, selection = selectFiles(root, paths)): Project {
  const { read, targets } = selection;
  // With the facts index, unchanged docs are not parsed unless a check needs their tree.
  const files = read.map((p) => (index ? index.load(root, p) : parseFile(p, readFileSync(join(root, p)))));
  const { tags, scripts, ...data } = loadProjectData(root);
  const wholeTree = paths.length === 0;
  const dataTargets = wholeTree
    ? [data.catalog?.path, data.platform?.path, ...data.alertRules.map((r) => r.path), ...scripts.map((s) => s.path), ...secretScanPaths(root)].filter((p): p is string => !!p)
    : [];
  const explicit = targets.filter((t) => t === CATALOG_FILE || t === PLATFORM_FILE || isScriptPath(t) || t.startsWith(`${ALERTS_DIR}/`));
  return withFacts({ root, files, targets: new Set([...targets, ...dataTargets, ...explicit]), tags, ...data, scripts, options });
}

/** A project from in-memory files (tests, documented examples). Tags come from `files` or the repo. */
export function projectFromMemory(
  root: string,
  files: Record<string, string>,
  options: ValidateOptions,
): Project {
  const isData = (p: string) => p === TAGS_FILE || p === CATALOG_FILE || p === PLATFORM_FILE || isScriptPath(p) || p.startsWith(`${ALERTS_DIR}/`);
  const parsed = Object.entries(files)
    .filter(([p]) => !isData(p))
    .map(([p, text]) => parseFile(p, new TextEncoder().encode(text)));
  const tags = TAGS_FILE in files ? loadTags(TAGS_FILE, files[TAGS_FILE]!) : readTags(root);
  const data = readData(root, files);
  const targets = new Set([...parsed.map((f) => f.path), ...Object.keys(files).filter(isData)]);
  return withFacts({ root, files: parsed, targets, tags, ...data, scripts: readScripts(root, files), options });
}
