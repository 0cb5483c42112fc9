/**
 * The sharded index design (src/search/sharded.ts) on the shipped docs: what a query downloads and
 * that it ranks like the shipped engine (same query set, same floors on the holdout half).
 */
import { describe, expect, it } from 'vitest';
import { buildShards, ShardedIndex, shardOf } from '../../src/search/sharded.ts';
import { loadVocabulary } from '../../src/search/synonyms.ts';
import { forPagefind } from '../../scripts/bench/search-pagefind.ts';
import { QUERIES } from '../fixtures/search-queries.ts';
import { ROOT } from '../helpers/examples.ts';
import { evaluate } from '../helpers/search-evaluation.ts';
import { shippedSearchDocuments } from '../helpers/search-documents.ts';

const files = buildShards(shippedSearchDocuments(ROOT), loadVocabulary(ROOT), 64);

function index() {
  const fetched: string[] = [];
  const sharded = new ShardedIndex(async (path) => {
    fetched.push(path);
    const data = files.get(path);
    if (data === undefined) throw new Error(`no ${path}`);
    return JSON.parse(JSON.stringify(data)) as unknown;
  });
  return { sharded, fetched };
}

describe('sharded search index', () => {
  it('keeps every prefix of three letters or more in one shard', () => {
    for (const term of ['replication', 'crashloopbackoff', 'rb-007']) {
      for (let n = 3; n <= term.length; n++) expect(shardOf(term.slice(0, n), 64)).toBe(shardOf(term, 64));
    }
  });

  it('fetches the meta file, the shards of the query terms and the store chunks of the top results only', async () => {
    const { sharded, fetched } = index();
    const hits = await sharded.search('CrashLoopBackOff', 3);
    expect(hits[0]?.runbook_id).toBe('RB-003');
    expect(fetched[0]).toBe('meta.json');
    const shards = fetched.filter((p) => p.startsWith('shards/'));
    const total = [...files.keys()].filter((p) => p.startsWith('shards/')).length;
    expect(shards.length).toBeGreaterThan(0);
    expect(shards.length).toBeLessThan(total / 4);
  });

  it('ranks like the shipped engine: the holdout floors hold', async () => {
    const { sharded } = index();
    const results = new Map<string, string[]>();
    for (const q of QUERIES) results.set(q.query, (await sharded.search(q.query, 10)).map((h) => h.id));
    const { holdout } = evaluate((q) => results.get(q) ?? []).byHalf;
    expect(holdout.total.top3 / holdout.total.queries).toBeGreaterThanOrEqual(0.95);
    expect(holdout.total.top1 / holdout.total.queries).toBeGreaterThanOrEqual(0.8);
  });

  it('shows the same snippets and heading links', async () => {
    const { sharded } = index();
    const hit = (await sharded.search('how do I scale down', 5)).find((h) => h.id.includes('tasks/scaling'));
    expect(hit?.href).toMatch(/#scale-down$/);
  });
});

describe('Pagefind query rewriting', () => {
  it('joins identifiers the way the pages carry them, and leaves words alone', () => {
    expect(forPagefind('RB-004')).toBe('rb004');
    expect(forPagefind('rb 7 escalation')).toBe('rb007 escalation');
    expect(forPagefind('runbook 12')).toBe('rb012');
    expect(forPagefind('api-gateway latency')).toBe('apigateway latency');
    expect(forPagefind('too many clients')).toBe('too many clients');
  });
});

describe('sharded search index, typos', () => {
  it('tolerates a typo after the first three letters of a long word', async () => {
    const { sharded } = index();
    expect((await sharded.search('CrashLopBackOff', 3)).map((h) => h.runbook_id)).toContain('RB-003');
  });
});
