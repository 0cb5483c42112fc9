/**
 * A persistent cache keyed by content hash, so that a second `npm run validate` re-parses and
 * re-lints only the files that changed. One file, `.cache/validate/cache-<version>.v8`, read once
 * at the start of a run and written once at the end (only when something new was computed).
 *
 * Entries are namespaced (`tree`, `remark-lint:<config hash>`) and keyed by the sha256 of the input.
 * Entries of this run are written back with the older ones, unless the older ones outnumber them
 * (edits leave stale entries behind): then only this run's are kept, so the file stays bounded.
 * Anything unreadable (another Node version, a truncated file) is ignored: the cache is an
 * optimisation, never a source of truth. `--no-cache` turns it off.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

/** Bump when the shape of a cached value changes (a parser upgrade changes trees too: see `parserVersion`). */
const FORMAT = 1;

export class DiskCache {
  private readonly loaded: Map<string, unknown>;
  private readonly used = new Map<string, unknown>();
  private dirty = false;

  constructor(readonly file: string | null) {
    this.loaded = file ? DiskCache.read(file) : new Map();
  }

  private static read(file: string): Map<string, unknown> {
    try {
      const value = deserialize(readFileSync(file)) as unknown;
      return value instanceof Map ? (value as Map<string, unknown>) : new Map();
    } catch {
      return new Map();
    }
  }

  get<T>(namespace: string, key: string): T | undefined {
    const id = `${namespace}\0${key}`;
    if (this.used.has(id)) return this.used.get(id) as T;
    if (!this.loaded.has(id)) return undefined;
    const value = this.loaded.get(id);
    this.used.set(id, value);
    return value as T;
  }

  set(namespace: string, key: string, value: unknown): void {
    if (!this.file) return; // no cache: keep nothing (in-process memos do that job)
    this.used.set(`${namespace}\0${key}`, value);
    this.dirty = true;
  }

  /** Marks a value computed or reused in memory as used by this run (stored if new). */
  touch(namespace: string, key: string, value: unknown): void {
    if (this.get(namespace, key) === undefined) this.set(namespace, key, value);
  }

  /** Writes the entries, atomically, when something new was computed. Never throws (a read-only checkout just skips it). */
  save(): void {
    if (!this.file || !this.dirty) return;
    const stale = [...this.loaded.keys()].filter((key) => !this.used.has(key));
    const entries = stale.length > this.used.size ? this.used : new Map([...this.loaded, ...this.used]);
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temp, serialize(entries));
      renameSync(temp, this.file);
    } catch {
      // The cache is an optimisation.
    }
  }
}

export function cacheFile(root: string, version: string): string {
  return join(root, '.cache', 'validate', `cache-${FORMAT}-${version}.v8`);
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
