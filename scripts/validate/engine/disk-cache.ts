/**
 * A persistent cache keyed by content hash, so that a second `npm run validate` re-parses and
 * re-lints only the files that changed. A folder, `.cache/validate/<format>-<version>/`, of 256
 * bucket files for parse trees (`t-00.v8` … `t-ff.v8`) and 256 for every other value (`00.v8` …
 * `ff.v8`), by a hash of the entry's key: a bucket is read on the first
 * lookup that falls in it and written once at the end (only when something new went into it), so
 * a run that checks one file (`--changed`, `--staged`) reads a few buckets, not every parse tree of
 * the tree.
 *
 * Each value is stored v8-serialised on its own, so reading a bucket is one read and a view per
 * value (`readMapFile`): a value is decoded when it is looked up (a `--changed` run decodes a few
 * dozen values, not every tree of the buckets it reads), and an entry this run did not change is
 * written back as the bytes it was read as. Worker threads send their results encoded
 * (engine/pool.ts), so the main thread decodes each once and never encodes it again.
 *
 * Entries are namespaced (`tree`, `remark-lint:<config hash>`, `local`) and keyed by the sha256 of
 * the input.
 * A run over the whole tree (`prune`) writes a bucket back with only this run's entries when the
 * older ones outnumber them (edits leave stale entries behind), so the folder stays bounded; a run
 * over some files keeps the others' entries. Anything unreadable (another Node version, a truncated
 * file) is ignored: the cache is an optimisation, never a source of truth. `--no-cache` turns it off.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

/** Bump when the shape of a cached value changes (a parser upgrade changes trees too: see `parserVersion`). */
const FORMAT = 4;
const BUCKETS = 256;

/**
 * FNV-1a of the key: which bucket file holds it. Parse trees (most of the bytes: 11 KB for a
 * 1.5 KB doc) have buckets of their own (`t-XX.v8`), so that a run that needs only the small
 * values (lint results, the local checks' reports) does not read every tree: at 10,000 docs, 134
 * MB of trees against a few MB of the rest.
 */
export function bucketOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return ((h >>> 0) % BUCKETS) + (id.startsWith(TREE_PREFIX) ? BUCKETS : 0);
}

const TREE_PREFIX = 'tree\0';

const CONTENT_HASH = /[0-9a-f]{64}/;

/**
 * Whether an entry belongs to a doc still in the tree: its key holds one of `hashes` (trees, lint
 * results, the local checks' reports are keyed by the doc's content hash), or it is a slug (keyed
 * by the doc's path and frontmatter; a moved doc leaves one entry of a hundred bytes).
 */
export function ofLiveDocs(hashes: ReadonlySet<string>): (id: string) => boolean {
  return (id) => id.startsWith('slug\0') || hashes.has(CONTENT_HASH.exec(id)?.[0] ?? '');
}

/**
 * A bucket file: `VCB1`, the byte length of a JSON header, the header (`[[id, byteLength], …]`),
 * then each value's bytes, in order. Reading one is a single read plus a view per value, with no
 * copy: a v8-serialised Map of buffers, the format before, made a buffer per value, which cost a
 * 10,000-doc run 1.3 s of deserialising and 1 s of garbage collection.
 */
const MAGIC = 0x31424356; // "VCB1", little-endian

/** The entries of a bucket file, or an empty Map when it is missing or unreadable. */
export function readMapFile(file: string): Map<string, Uint8Array> {
  const entries = new Map<string, Uint8Array>();
  try {
    const bytes = readFileSync(file);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length < 8 || view.getUint32(0, true) !== MAGIC) return entries;
    const headerLength = view.getUint32(4, true);
    const header = JSON.parse(bytes.toString('utf8', 8, 8 + headerLength)) as Array<[string, number]>;
    let offset = 8 + headerLength;
    for (const [id, length] of header) {
      if (offset + length > bytes.length) return new Map();
      entries.set(id, bytes.subarray(offset, offset + length));
      offset += length;
    }
    return entries;
  } catch {
    return new Map();
  }
}

/**
 * Writes a cache file whole (temp file, rename), so that a run reading it meanwhile sees the old
 * file or the new one. Never throws: a read-only checkout just skips it (caches are optimisations).
 */
export function writeCacheFile(file: string, data: string | Uint8Array): boolean {
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, data);
    renameSync(temp, file);
    return true;
  } catch {
    return false;
  }
}

/** Writes a bucket file atomically (`writeCacheFile`), in the format `readMapFile` reads. */
export function writeMapFile(file: string, entries: Map<string, Uint8Array>): void {
  const header = Buffer.from(JSON.stringify([...entries].map(([id, value]) => [id, value.length])), 'utf8');
  const start = Buffer.alloc(8);
  start.writeUInt32LE(MAGIC, 0);
  start.writeUInt32LE(header.length, 4);
  writeCacheFile(file, Buffer.concat([start, header, ...entries.values()]));
}

export class DiskCache {
  /** Bucket → its entries as read: id → encoded value. */
  private readonly loaded = new Map<number, Map<string, Uint8Array>>();
  /** Values this run used or set, decoded. */
  private readonly used = new Map<string, unknown>();
  /** The encoded form of used values, where known (read from a bucket, or sent by a worker). */
  private readonly encoded = new Map<string, Uint8Array>();
  private readonly dirty = new Set<number>();

  constructor(readonly dir: string | null) {}

  private bucketFile(bucket: number): string {
    const name = (bucket % BUCKETS).toString(16).padStart(2, '0');
    return join(this.dir!, bucket >= BUCKETS ? `t-${name}.v8` : `${name}.v8`);
  }

  private bucket(bucket: number): Map<string, Uint8Array> {
    let entries = this.loaded.get(bucket);
    if (!entries) {
      entries = this.dir ? readMapFile(this.bucketFile(bucket)) : new Map<string, Uint8Array>();
      this.loaded.set(bucket, entries);
    }
    return entries;
  }

  /** How many bucket files this run has read (for `--timings` and tests). */
  get bucketsRead(): number {
    return this.dir ? this.loaded.size : 0;
  }

  get<T>(namespace: string, key: string): T | undefined {
    const id = `${namespace}\0${key}`;
    if (this.used.has(id)) return this.used.get(id) as T;
    if (!this.dir) return undefined;
    const bytes = this.encoded.get(id) ?? this.bucket(bucketOf(id)).get(id);
    if (bytes === undefined) return undefined;
    let value: unknown;
    try {
      value = deserialize(bytes);
    } catch {
      return undefined; // unreadable: computed again
    }
    this.used.set(id, value);
    this.encoded.set(id, bytes);
    return value as T;
  }

  set(namespace: string, key: string, value: unknown): void {
    if (!this.dir) return; // no cache: keep nothing (in-process memos do that job)
    const id = `${namespace}\0${key}`;
    this.used.set(id, value);
    this.encoded.delete(id);
    this.dirty.add(bucketOf(id));
  }

  /** Stores a value that arrives encoded (from a worker thread): decoded on first lookup. */
  setEncoded(namespace: string, key: string, bytes: Uint8Array): void {
    if (!this.dir) return;
    const id = `${namespace}\0${key}`;
    this.used.delete(id);
    this.encoded.set(id, bytes);
    this.dirty.add(bucketOf(id));
  }

  /** Marks a value computed or reused in memory as used by this run (stored if new). */
  touch(namespace: string, key: string, value: unknown): void {
    if (this.get(namespace, key) === undefined) this.set(namespace, key, value);
  }

  /**
   * Writes the buckets something new went into. `prune` (a run over the whole tree) drops a
   * bucket's stale entries when they outnumber this run's: those this run did not use and `keep`
   * does not claim. A run over the whole tree does not read what an unchanged doc's facts in the
   * index stand for (its tree, its slug), yet those are still needed: when its mtime changes (a
   * fresh checkout), or its text but not its slug.
   */
  save(options: { prune?: boolean; keep?: (id: string) => boolean } = {}): void {
    if (!this.dir || this.dirty.size === 0) return;
    const usedBy = new Map<number, Map<string, Uint8Array>>();
    const ids = new Set([...this.used.keys(), ...this.encoded.keys()]);
    for (const id of ids) {
      const b = bucketOf(id);
      if (!this.dirty.has(b)) continue;
      let m = usedBy.get(b);
      if (!m) usedBy.set(b, (m = new Map()));
      m.set(id, this.encoded.get(id) ?? serialize(this.used.get(id)));
    }
    for (const b of this.dirty) {
      const old = this.bucket(b);
      const fresh = usedBy.get(b) ?? new Map<string, Uint8Array>();
      const kept = options.prune ? new Map([...old].filter(([id]) => !fresh.has(id) && options.keep?.(id))) : old;
      const stale = options.prune ? old.size - kept.size - [...old.keys()].filter((id) => fresh.has(id)).length : 0;
      writeMapFile(this.bucketFile(b), stale > fresh.size ? new Map([...kept, ...fresh]) : new Map([...old, ...fresh]));
    }
  }
}

/**
 * A cache that starts empty and records every entry set in it, encoded (engine/pool-batch.ts):
 * what a worker computed, for the main thread's cache (`setEncoded`).
 */
export class RecordingCache extends DiskCache {
  readonly recorded: Array<[namespace: string, key: string, bytes: Uint8Array]> = [];
  private readonly memory = new Map<string, unknown>();

  constructor() {
    super(null);
  }

  override get<T>(namespace: string, key: string): T | undefined {
    return this.memory.get(`${namespace}\0${key}`) as T | undefined;
  }

  override set(namespace: string, key: string, value: unknown): void {
    this.memory.set(`${namespace}\0${key}`, value);
    this.recorded.push([namespace, key, serialize(value)]);
  }
}

/** The cache folder of one cache version (parsers, lockfile, Node): another version starts afresh. */
export function cacheDir(root: string, version: string): string {
  return join(root, '.cache', 'validate', `${FORMAT}-${version}`);
}

/** No cache: every get misses, nothing is written (tests, documented examples, `--no-cache`). */
export const NO_CACHE = new DiskCache(null);

let active: DiskCache = NO_CACHE;

/** The cache of the current run (NO_CACHE outside `validate()`). */
export function activeCache(): DiskCache {
  return active;
}

export function setActiveCache(cache: DiskCache): void {
  active = cache;
}

/**
 * Values computed from a text (a shell block's parse, its secretlint findings): kept in memory for
 * this process and in the current run's disk cache under `namespace`, keyed by the text's sha256,
 * so that an unchanged text is computed once per process and not again by the next run.
 */
export class TextMemo<T> {
  private readonly memory = new Map<string, T>();

  constructor(
    private readonly namespace: string,
    private readonly limit = 50_000,
  ) {}

  /** The value for `text` from memory or the disk cache (kept by this run's cache), else undefined. */
  get(text: string): T | undefined {
    const key = createHash('sha256').update(text).digest('base64url');
    const known = this.memory.get(text);
    if (known !== undefined) {
      activeCache().touch(this.namespace, key, known);
      return known;
    }
    const stored = activeCache().get<T>(this.namespace, key);
    if (stored !== undefined) this.remember(text, stored);
    return stored;
  }

  /** The value for `text` if this process already has it (no hashing, no disk). */
  peek(text: string): T | undefined {
    return this.memory.get(text);
  }

  set(text: string, value: T): void {
    this.remember(text, value);
    activeCache().set(this.namespace, createHash('sha256').update(text).digest('base64url'), value);
  }

  private remember(text: string, value: T): void {
    if (this.memory.size >= this.limit) this.memory.clear();
    this.memory.set(text, value);
  }
}
