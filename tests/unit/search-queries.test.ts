/**
 * The on-call query set (tests/fixtures/search-queries.ts) against the shipped ranking, on an index
 * built from the shipped docs and loaded back as the browser loads it. The holdout half holds the
 * floors (top-3 >= 95%, top-1 >= 80%); its individual queries are never printed, so that nobody
 * tunes the ranking to them. `npm run bench:search` shows the figures per category.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { search } from '../../src/search/engine.ts';
import { INDEX_OPTIONS, type SearchDocument } from '../../src/search/fields.ts';
import { loadVocabulary } from '../../src/search/synonyms.ts';
import { CATEGORIES, QUERIES, fnv1a, half } from '../fixtures/search-queries.ts';
import { ROOT } from '../helpers/examples.ts';
import { evaluate, percent } from '../helpers/search-evaluation.ts';
import { shippedSearchDocuments } from '../helpers/search-documents.ts';

const built = new MiniSearch<SearchDocument>(INDEX_OPTIONS);
built.addAll(shippedSearchDocuments(ROOT));
const index = MiniSearch.loadJSON<SearchDocument>(JSON.stringify(built), INDEX_OPTIONS);
const vocabulary = loadVocabulary(ROOT);

describe('the on-call query set', () => {
  it('has at least 200 distinct queries in every category, each expecting pages that exist', () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(200);
    expect(new Set(QUERIES.map((q) => q.query.toLowerCase())).size).toBe(QUERIES.length);
    for (const category of CATEGORIES) expect(QUERIES.filter((q) => q.category === category).length, category).toBeGreaterThanOrEqual(10);
    const missing = QUERIES.flatMap((q) => q.expected.filter((page) => !existsSync(join(ROOT, 'docs', `${page}.md`))).map((page) => `${q.query} → ${page}`));
    expect(missing).toEqual([]);
  });

  it('splits into halves by a fixed hash of the query text', () => {
    expect(fnv1a('RB-001')).toBe(fnv1a('RB-001'));
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c); // the published FNV-1a test vector
    const holdout = QUERIES.filter((q) => half(q.query) === 'holdout').length;
    expect(holdout).toBeGreaterThan(QUERIES.length * 0.4);
    expect(holdout).toBeLessThan(QUERIES.length * 0.6);
  });

  it('meets the holdout floors: top-3 >= 95%, top-1 >= 80%', () => {
    const { holdout, tuning } = evaluate((query) => search(index, query, 10, vocabulary).map((hit) => hit.id)).byHalf;
    const line = (name: string, s: typeof holdout.total) => `${name} ${s.queries}: top-1 ${percent(s.top1, s.queries)}, top-3 ${percent(s.top3, s.queries)}, MRR ${s.mrr.toFixed(2)}`;
    console.log(`search query set: ${line('tuning', tuning.total)}; ${line('holdout', holdout.total)}`);
    expect(holdout.total.top3 / holdout.total.queries).toBeGreaterThanOrEqual(0.95);
    expect(holdout.total.top1 / holdout.total.queries).toBeGreaterThanOrEqual(0.8);
  });
});

describe('ranking by intent', () => {
  const top = (query: string) => search(index, query, 3, vocabulary)[0];

  it('links a result to the heading that matched, with its first command', () => {
    const hit = search(index, 'scale down', 5, vocabulary).find((h) => h.id.includes('tasks/scaling'));
    expect(hit?.snippet).toMatchObject({ kind: 'heading', text: 'Scale down' });
    expect(hit?.href).toMatch(/#scale-down$/);
    expect(hit?.snippet?.command).toMatch(/^kubectl /);
  });

  it('shows the symptom a pasted error matched, linked to the Symptoms section', () => {
    const hit = top('FATAL: sorry, too many clients already');
    expect(hit?.runbook_id).toBe('RB-007');
    expect(hit?.snippet).toEqual({ kind: 'symptom', text: 'FATAL: sorry, too many clients already' });
    expect(hit?.href).toMatch(/#symptoms$/);
  });

  it('reads a runbook id however it is written', () => {
    for (const query of ['rb 7', 'runbook 7', 'RB-7', '/rb/007', 'rb007']) expect(top(query)?.runbook_id, query).toBe('RB-007');
  });

  it('treats a synonym as the word typed: switch off finds the kill switch', () => {
    expect(search(index, 'switch off payments', 1, vocabulary)[0]?.id).toMatch(/feature-flag-kill-switch/);
    expect(search(index, 'switch off payments', 1)[0]?.id).not.toMatch(/feature-flag-kill-switch/);
  });

  it('prefers the pages of the intent: who → escalation and cards, how do I → task pages', () => {
    expect(search(index, 'who do I call', 2, vocabulary).map((h) => h.type)).toEqual(['reference-card', 'incident']);
    expect(top('how do I drain a node')?.type).toBe('procedure');
  });

  it('ranks a pasted error with extra words (pod names, ids) by the symptom it contains', () => {
    expect(top('Warning BackOff 3m kubelet Back-off restarting failed container web in pod web-blue-5c9d')?.runbook_id).toBe('RB-003');
  });
});
