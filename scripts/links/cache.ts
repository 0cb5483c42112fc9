/**
 * Results of earlier runs, keyed by URL (without its fragment), in a JSON file (default
 * `.cache/link-check.json`, git-ignored; CI keeps it between runs with actions/cache). A result is
 * reused while younger than `maxAge` (alive) or `failedMaxAge` (dead, unverified), so repeated runs
 * and PR runs only probe what is new or expired. An unreadable cache is ignored, never fatal.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Verdict } from './classify.ts';

export interface FragmentResult {
  /** null: could not tell (not HTML, or the page was larger than `maxPageBytes`). */
  found: boolean | null;
  suggestion?: string;
  note?: string;
}

export interface LinkResult {
  verdict: Verdict;
  status: number;
  reason: string;
  /** Set when the URL redirects and the first redirect is permanent (301/308): where it leads. */
  redirect?: { to: string; status: number };
  fragments?: Record<string, FragmentResult>;
  attempts: number;
  /** ISO date of the probe. */
  checkedAt: string;
}

interface CacheFileShape {
  version: 1;
  entries: Record<string, LinkResult>;
}

export class LinkCache {
  private entries: Record<string, LinkResult> = {};
  private dirty = false;

  constructor(
    private readonly path: string | null,
    private readonly maxAge: number,
    private readonly failedMaxAge: number,
    private readonly now: Date,
  ) {
    if (!path) return;
    try {
      const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheFileShape>;
      if (data.version === 1 && data.entries && typeof data.entries === 'object') this.entries = data.entries;
    } catch {
      this.entries = {};
    }
  }

  /** A fresh result for `url` that answers every fragment in `fragments`, if there is one. */
  get(url: string, fragments: Iterable<string> = []): LinkResult | undefined {
    const entry = this.entries[url];
    if (!entry || typeof entry.checkedAt !== 'string') return undefined;
    const age = this.now.getTime() - Date.parse(entry.checkedAt);
    const limit = entry.verdict === 'alive' ? this.maxAge : this.failedMaxAge;
    if (!(age >= 0 && age <= limit)) return undefined;
    if (entry.verdict === 'alive') for (const f of fragments) if (!entry.fragments?.[f]) return undefined;
    return entry;
  }

  /** Any result for `url`, however old (offline runs say how old). */
  peek(url: string): LinkResult | undefined {
    return this.entries[url];
  }

  set(url: string, result: LinkResult): void {
    this.entries[url] = result;
    this.dirty = true;
  }

  /** Writes the file (atomically) if anything changed; drops entries older than a week past their age. */
  save(): void {
    if (!this.path || !this.dirty) return;
    const keep: Record<string, LinkResult> = {};
    const horizon = this.now.getTime() - Math.max(this.maxAge, this.failedMaxAge) - 7 * 86_400_000;
    for (const [url, entry] of Object.entries(this.entries)) if (Date.parse(entry.checkedAt) >= horizon) keep[url] = entry;
    mkdirSync(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ version: 1, entries: keep } satisfies CacheFileShape)}\n`);
    renameSync(temp, this.path);
  }
}
