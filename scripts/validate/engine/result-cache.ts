/**
 * The result of a run, kept for the next run with the same inputs: a second `npm run validate` on a
 * tree where nothing changed prints the stored report without loading a check (ESLint's `--cache`,
 * for the whole run rather than per file, because checks here read across files).
 *
 * The inputs are everything a check may read, so the key is conservative rather than declared check
 * by check: the size, mtime, ctime and inode of every file under the project root and, when the
 * validator lives elsewhere, under its own repository (its code, `.remarkrc.js`, the lockfile that
 * pins node_modules), without the folders no check reads (`node_modules`, `.git`, `.cache`, the
 * builds); plus the options, the day (reviews fall due by the day), `BASE_URL`, the Node version
 * and the cache version. Any edit, new or deleted file, even one a check would not have read, runs
 * the checks again.
 *
 * Stat is not trusted for a file changed within two seconds of the walk (git's "racy" rule): such a
 * run's result is not stored, so the next run checks again. Runs that ask git what changed
 * (`--changed`, `--staged`) are not stored: their inputs include the repository's history.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from '../reporters/types.ts';
import { writeCacheFile } from './disk-cache.ts';
import type { ValidateOptions } from './types.ts';

/** Folders no check reads: dependencies, git, caches and build output. */
const SKIPPED = new Set(['node_modules', '.git', '.cache', 'build', '.docusaurus', 'coverage', 'test-results']);
/** Past this many entries a tree is not walked (the run just checks): the walk would cost more than it saves. */
const MAX_ENTRIES = 200_000;
const RACY_MS = 2000;
const KEEP = 8;
const FORMAT = 1;

export interface InputsDigest {
  digest: string;
  /** Newest mtime seen, in ms: a result is stored only when it is older than the walk by RACY_MS. */
  newest: number;
  started: number;
}

/** Hashes the stat of every file under `dirs`; null when a tree is too large to walk. */
export function digestInputs(dirs: readonly string[], extra: string): InputsDigest | null {
  const started = Date.now();
  const hash = createHash('sha256').update(extra);
  let newest = 0;
  let entries = 0;
  const seen = new Set<string>();
  const walk = (abs: string, rel: string): boolean => {
    let names: string[];
    try {
      names = readdirSync(abs).sort();
    } catch {
      hash.update(`\0unreadable:${rel}`);
      return true;
    }
    for (const name of names) {
      if (++entries > MAX_ENTRIES) return false;
      // By name, whatever it is: node_modules is often a symlink.
      if (SKIPPED.has(name)) continue;
      const path = join(abs, name);
      const relPath = rel ? `${rel}/${name}` : name;
      let s: Stats;
      try {
        s = lstatSync(path);
      } catch {
        continue;
      }
      if (s.isSymbolicLink()) {
        // Checks read through the link: what it points at is the input (a linked folder is walked,
        // once: `seen` stops a cycle).
        try {
          const real = realpathSync(path);
          const target = statSync(real);
          if (target.isDirectory()) {
            hash.update(`\0l:${relPath}>${real}`);
            if (!seen.has(real)) {
              seen.add(real);
              if (!walk(real, relPath)) return false;
            }
            continue;
          }
          s = target;
        } catch {
          hash.update(`\0dangling:${relPath}`);
          continue;
        }
      }
      if (s.isDirectory()) {
        hash.update(`\0d:${relPath}`);
        if (!walk(path, relPath)) return false;
        continue;
      }
      newest = Math.max(newest, s.mtimeMs);
      hash.update(`\0f:${relPath}:${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}`);
    }
    return true;
  };
  for (const dir of dirs) {
    hash.update(`\0root:${dir}`);
    if (!walk(dir, '')) return null;
  }
  return { digest: hash.digest('hex'), newest, started };
}

/** What, besides the files, the result depends on. */
export function runKey(paths: readonly string[], options: ValidateOptions): string {
  return JSON.stringify({
    format: FORMAT,
    node: process.version,
    paths: [...paths].sort(),
    strictReviews: options.strictReviews,
    shard: options.shard ?? null,
    day: options.now.toISOString().slice(0, 10),
    baseUrl: process.env['BASE_URL']?.trim() || '/',
  });
}

type Stored = Omit<RunResult, 'elapsedMs' | 'timings' | 'counts'>;

export class ResultCache {
  private readonly file: string;

  constructor(
    private readonly dir: string,
    key: string,
  ) {
    this.file = join(dir, `${createHash('sha256').update(key).digest('hex').slice(0, 16)}.json`);
  }

  /** The stored result, if it was made from these exact inputs. */
  get(inputs: InputsDigest): Stored | undefined {
    try {
      const stored = JSON.parse(readFileSync(this.file, 'utf8')) as { inputs: string; result: Stored };
      return stored.inputs === inputs.digest ? stored.result : undefined;
    } catch {
      return undefined;
    }
  }

  /** Stores a result, unless a file changed too close to the walk to trust its stat. Never throws. */
  set(inputs: InputsDigest, result: RunResult): void {
    if (inputs.newest > inputs.started - RACY_MS) return;
    const { elapsedMs: _elapsed, timings: _timings, counts: _counts, ...stored } = result;
    if (writeCacheFile(this.file, JSON.stringify({ inputs: inputs.digest, result: stored }))) this.prune();
  }

  /** Keeps the results of the last few distinct runs (paths, options). */
  private prune(): void {
    try {
      const files = readdirSync(this.dir)
        .filter((name) => name.endsWith('.json'))
        .map((name) => join(this.dir, name))
        .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
      for (const file of files.slice(KEEP)) rmSync(file, { force: true });
    } catch {
      // Another run pruned meanwhile: the cache is an optimisation.
    }
  }
}
