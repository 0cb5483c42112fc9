/**
 * The facts index: for every doc of the last run, its size, times and content hash, its frontmatter
 * (text and value) and the facts other files read from it (headings and their anchors, links, the
 * runbook ids it mentions, its route). A doc whose stat (size, mtime, ctime, inode) matches its entry, or whose
 * bytes hash to the entry's hash, is not parsed: it becomes an `IndexedDoc`, whose facts come from
 * the entry and whose tree and text are read from disk (and the parse cache) only if a check asks
 * for them. So `--changed` with one changed doc in a 10,000-doc tree parses about one file, while
 * links, ids and alerts still resolve against every doc.
 *
 * Stat is trusted only for files last changed more than two seconds before the index was written
 * (git's "racy" rule: an edit in the same moment as the write could keep size and mtime); any other
 * difference re-reads and re-hashes the file. An edit outside git that restores the mtime still
 * changes the ctime, so it is hashed too. The index lives in the cache folder of its version
 * (`.cache/validate/<format>-<version>/index.json`); `--no-cache` reads and writes none. JSON, not
 * v8 serialisation: the index is plain data, and JSON.parse reads a 10,000-doc index (21 MB) in
 * half the time `v8.deserialize` took (167 against 314 ms), which `--changed` pays on every run.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { HEADINGS, LINKS, RB_MENTIONS } from './facts.ts';
import { IGNORE_MARKERS } from './ignore.ts';
import { ROUTE } from './routes.ts';
import { writeCacheFile } from './disk-cache.ts';
import { frontmatterYaml, parseFile, treeOf } from './parse.ts';
import { LineIndex } from './positions.ts';
import type { DocFile, FrontmatterBlock, Project } from './types.ts';
import type { FileFact } from './fact-store.ts';
import type { Root } from 'mdast';

/** The file facts kept in the index: pure functions of the file's content. */
export const INDEXED_FACTS: ReadonlyArray<FileFact<DocFile, Project, unknown>> = [HEADINGS, LINKS, RB_MENTIONS, ROUTE, IGNORE_MARKERS];

/**
 * The indexed facts a run may read of every doc, kept as values: routes (the site map), links
 * (links/orphan looks for inbound links) and ignore markers. The others (headings with their
 * anchors, most of an entry's bytes, and the ids a doc mentions) are kept as one JSON text per
 * entry and parsed when a check first asks for one of them: most runs need them of a few docs,
 * and parsing them all was most of reading a 10,000-doc index.
 */
const EAGER_FACTS = new Set([ROUTE.name, LINKS.name, IGNORE_MARKERS.name]);

interface StatKey {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export interface IndexEntry extends StatKey {
  hash: string;
  hasBom: boolean;
  frontmatter: { offset: number; text: string; data: unknown } | null;
  frontmatterUnclosed: boolean;
  /** Fact name → value, for the facts of `EAGER_FACTS`. */
  facts: Record<string, unknown>;
  /** The other facts of `INDEXED_FACTS`, name → value, as JSON. */
  deferred: string;
}

/** The deferred facts of the entries a check asked about, parsed. */
const deferredFacts = new WeakMap<IndexEntry, Record<string, unknown>>();

function factOf(entry: IndexEntry, fact: string): unknown {
  if (EAGER_FACTS.has(fact)) return entry.facts[fact];
  let values = deferredFacts.get(entry);
  if (!values) deferredFacts.set(entry, (values = JSON.parse(entry.deferred) as Record<string, unknown>));
  return values[fact];
}

/** Where each doc of a run came from (`--timings`). */
export interface IndexCounts {
  /** Stat matched the entry: not read. */
  fromIndex: number;
  /** Stat differed, the hash matched: read and hashed, not parsed. */
  hashed: number;
  /** New or changed (or not a plain Markdown doc): read and parsed. */
  parsed: number;
  /** Indexed docs a check needed the text or tree of, read and parsed on first use. */
  loadedLater: number;
}

/** Bump when the shape of an entry changes. */
const INDEX_FORMAT = 3;
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const RACY_MS = 2000;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const statKey = (st: Stats): StatKey => ({ size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino });

/**
 * A doc known from the index. Identity facts (path, hash, size, frontmatter) come from the entry;
 * the text is read on first use (and its hash checked), the tree comes from the parse cache (or is
 * parsed) on first use, and the frontmatter YAML is parsed again only if a check asks for its
 * document (positions). Indexed facts are served from the entry. Should the bytes no longer hash
 * to the entry's (an edit during the run), the file is parsed in full and nothing comes from the
 * entry but its identity.
 */
export class IndexedDoc implements DocFile {
  readonly status = 'ok' as const;
  readonly size: number;
  readonly hash: string;
  readonly hasBom: boolean;
  readonly frontmatterUnclosed: boolean;
  private text: string | undefined;
  private changed: DocFile | undefined;
  private index: LineIndex | undefined;
  private parsed: Root | null | undefined;
  private light: FrontmatterBlock | null | undefined;

  constructor(
    private readonly root: string,
    readonly path: string,
    private readonly entry: IndexEntry,
    private readonly onLoad: () => void,
  ) {
    this.size = entry.size;
    this.hash = entry.hash;
    this.hasBom = entry.hasBom;
    this.frontmatterUnclosed = entry.frontmatterUnclosed;
  }

  private read(): string {
    if (this.text === undefined) {
      this.onLoad();
      const bytes = readFileSync(join(this.root, this.path));
      if (sha256(bytes) === this.entry.hash) {
        const text = utf8.decode(bytes);
        this.text = this.hasBom ? text.slice(1) : text;
      } else {
        this.changed = parseFile(this.path, bytes);
        this.text = this.changed.source;
      }
    }
    return this.text;
  }

  get source(): string {
    return this.read();
  }

  get lines(): LineIndex {
    const source = this.read();
    return this.changed?.lines ?? (this.index ??= new LineIndex(source));
  }

  get tree(): Root | null {
    const source = this.read();
    if (this.changed) return this.changed.tree;
    if (this.parsed === undefined) {
      const guarded = treeOf(this.hash, source);
      this.parsed = 'tree' in guarded ? guarded.tree : null;
    }
    return this.parsed;
  }

  get frontmatter(): FrontmatterBlock | null {
    if (this.changed) return this.changed.frontmatter;
    if (this.light === undefined) {
      const fm = this.entry.frontmatter;
      let doc: FrontmatterBlock['doc'] | undefined;
      this.light = fm && {
        offset: fm.offset,
        text: fm.text,
        data: fm.data,
        get doc() {
          return (doc ??= frontmatterYaml(fm.text).doc);
        },
      };
    }
    return this.light;
  }

  /** An indexed fact's value (engine/fact-store.ts asks before deriving), unless the file changed. */
  preset(fact: string): unknown {
    return this.changed ? undefined : factOf(this.entry, fact);
  }
}

/** A parsed doc's entry, but its stat (also computed in the pool's batches, engine/pool-batch.ts). */
export function indexEntry(file: DocFile, project: Project): Omit<IndexEntry, keyof StatKey> {
  const fm = file.frontmatter;
  return {
    hash: file.hash,
    hasBom: file.hasBom,
    frontmatter: fm && { offset: fm.offset, text: fm.text, data: fm.data },
    frontmatterUnclosed: file.frontmatterUnclosed,
    facts: Object.fromEntries(INDEXED_FACTS.filter((fact) => EAGER_FACTS.has(fact.name)).map((fact) => [fact.name, project.facts.of(fact, file)])),
    deferred: JSON.stringify(Object.fromEntries(INDEXED_FACTS.filter((fact) => !EAGER_FACTS.has(fact.name)).map((fact) => [fact.name, project.facts.of(fact, file)]))),
  };
}

export class FileIndex {
  private readonly entries: Map<string, IndexEntry>;
  private readonly savedAt: number;
  /** Docs parsed this run, with their stat before the read: indexed at `update`. */
  private readonly fresh = new Map<string, { file: DocFile; stat: StatKey }>();
  private dirty = false;
  readonly counts: IndexCounts = { fromIndex: 0, hashed: 0, parsed: 0, loadedLater: 0 };

  constructor(readonly file: string | null) {
    const stored = file ? readIndexFile(file) : null;
    this.savedAt = stored?.savedAt ?? 0;
    this.entries = new Map(stored?.entries ?? []);
  }

  private trusted(entry: IndexEntry | undefined, stat: StatKey | undefined): boolean {
    return !!entry && !!stat && stat.mtimeMs < this.savedAt - RACY_MS && stat.size === entry.size && stat.mtimeMs === entry.mtimeMs && stat.ctimeMs === entry.ctimeMs && stat.ino === entry.ino;
  }

  /** Entries a pool worker computed this run (engine/pool.ts), by path: `load` makes them indexed docs. */
  private readonly adopted = new Map<string, Omit<IndexEntry, keyof StatKey>>();

  /** Takes the entry a worker computed for the doc at `path`, parsed from the bytes read after `unchanged` took its stat. */
  adopt(path: string, entry: Omit<IndexEntry, keyof StatKey>): void {
    if (this.file) this.adopted.set(path, entry);
  }

  /** Stats taken by `unchanged`, used once by `load`: one stat per doc and run (10,000 docs: 40 ms). */
  private readonly statted = new Map<string, StatKey | undefined>();

  private stat(root: string, path: string): StatKey | undefined {
    if (this.statted.has(path)) {
      const known = this.statted.get(path);
      this.statted.delete(path);
      return known;
    }
    try {
      return statKey(statSync(join(root, path)));
    } catch {
      return undefined;
    }
  }

  /** Whether the doc at `path` is unchanged since it was indexed, by its stat alone. */
  unchanged(root: string, path: string): boolean {
    if (!this.file) return false;
    const stat = this.stat(root, path);
    this.statted.set(path, stat);
    return this.trusted(this.entries.get(path), stat);
  }

  /** The doc at `path`: from the index when its stat or hash matches, else read and parsed. */
  load(root: string, path: string): DocFile {
    const abs = join(root, path);
    const stat = this.stat(root, path);
    const entry = this.file ? this.entries.get(path) : undefined;
    const onLoad = () => void this.counts.loadedLater++;
    if (entry && this.trusted(entry, stat)) {
      this.counts.fromIndex++;
      return new IndexedDoc(root, path, entry, onLoad);
    }
    // Parsed by a worker this run: its tree and the local checks' reports are in the cache, and
    // its facts in the entry, so the main thread neither reads nor decodes it.
    const adopted = this.adopted.get(path);
    if (adopted && stat) {
      this.adopted.delete(path);
      const fresh: IndexEntry = { ...stat, ...adopted };
      this.entries.set(path, fresh);
      this.dirty = true;
      this.counts.parsed++;
      return new IndexedDoc(root, path, fresh, onLoad);
    }
    const bytes = readFileSync(abs);
    if (entry && stat && entry.size === bytes.length && sha256(bytes) === entry.hash) {
      Object.assign(entry, stat);
      this.dirty = true;
      this.counts.hashed++;
      return new IndexedDoc(root, path, entry, onLoad);
    }
    this.counts.parsed++;
    const file = parseFile(path, bytes);
    if (this.file && stat) this.fresh.set(path, { file, stat });
    return file;
  }

  /** Indexes the docs this run parsed (their facts are derived now if no check needed them). */
  update(project: Project, read: ReadonlySet<string> | undefined): void {
    if (!this.file) return;
    for (const [path, { file, stat }] of this.fresh) {
      if (file.status !== 'ok') {
        if (this.entries.delete(path)) this.dirty = true;
        continue;
      }
      this.entries.set(path, { ...stat, ...indexEntry(file, project) });
      this.dirty = true;
    }
    this.fresh.clear();
    // A run over the whole tree forgets deleted docs.
    if (read) {
      for (const path of this.entries.keys()) {
        if (read.has(path)) continue;
        this.entries.delete(path);
        this.dirty = true;
      }
    }
  }

  save(): void {
    if (!this.file || !this.dirty) return;
    writeIndexFile(this.file, { format: INDEX_FORMAT, savedAt: Date.now(), entries: [...this.entries] });
    this.dirty = false;
  }
}

interface IndexFile {
  format: number;
  savedAt: number;
  entries: Array<[string, IndexEntry]>;
}

/** The stored index, or null when it is missing, unreadable or of another format. */
function readIndexFile(file: string): IndexFile | null {
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as IndexFile;
    return stored.format === INDEX_FORMAT && typeof stored.savedAt === 'number' && Array.isArray(stored.entries) ? stored : null;
  } catch {
    return null;
  }
}

function writeIndexFile(file: string, index: IndexFile): void {
  writeCacheFile(file, JSON.stringify(index));
}
