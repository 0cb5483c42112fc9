/**
 * On-call queries → the runbook that must come up. Built from the shipped docs with the same
 * tokenizer, fields and boosts as the site's search index (src/search), and queried with the same
 * options as the browser. Reports the top-3 hit rate; every scenario must hit the top 3.
 * When a runbook's symptoms change, update its scenarios in tests/fixtures/search-scenarios.ts.
 */
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { search } from '../../src/search/engine.ts';
import { INDEX_OPTIONS, type SearchDocument } from '../../src/search/fields.ts';
import { ROOT } from '../helpers/examples.ts';
import { SCENARIOS } from '../fixtures/search-scenarios.ts';
import { shippedSearchDocuments } from '../helpers/search-documents.ts';
import { loadVocabulary } from '../../src/search/synonyms.ts';

function buildIndex(): MiniSearch<SearchDocument> {
  const index = new MiniSearch<SearchDocument>(INDEX_OPTIONS);
  index.addAll(shippedSearchDocuments(ROOT));
  // Serialise and load back, as the browser does.
  return MiniSearch.loadJSON(JSON.stringify(index), INDEX_OPTIONS);
}

describe('on-call search scenarios', () => {
  const index = buildIndex();
  const vocabulary = loadVocabulary(ROOT);

  it(`finds the expected runbook in the top 3 for all ${SCENARIOS.length} queries`, () => {
    const misses: string[] = [];
    for (const [query, expected] of SCENARIOS) {
      const top3 = search(index, query, 3, vocabulary).map((hit) => hit.runbook_id ?? hit.title);
      if (!top3.includes(expected)) misses.push(`"${query}" → expected ${expected}, got [${top3.join(', ')}]`);
    }
    const rate = (SCENARIOS.length - misses.length) / SCENARIOS.length;
    console.log(`search scenarios: top-3 hit rate ${(rate * 100).toFixed(1)}% (${SCENARIOS.length - misses.length}/${SCENARIOS.length})`);
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(30);
    expect(misses).toEqual([]);
  });

  it('puts a runbook id query first, whatever its spelling', () => {
    for (const query of ['RB-003', 'rb-003', 'RB003', 'rb 003']) {
      expect(search(index, query, 1, vocabulary)[0]?.runbook_id, query).toBe('RB-003');
    }
  });

  it('finds a page by a fragment of a command inside a code block', () => {
    const hits = search(index, 'kubectl rollout restart', 10, vocabulary);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.some((hit) => hit.runbook_id === 'RB-003')).toBe(true);
  });

  it('ranks a runbook above another page for the same match', () => {
    const same = new MiniSearch<SearchDocument>(INDEX_OPTIONS);
    const text = { title: 'Worker queue backs up', body: 'The worker falls behind; jobs wait in Redis.' };
    same.addAll([
      { id: '/docs/troubleshooting/queue', type: 'troubleshooting', ...text },
      { id: '/docs/runbooks/rb-900', type: 'runbook', runbook_id: 'RB-900', ...text },
    ]);
    expect(search(same, 'worker queue').map((hit) => hit.id)).toEqual(['/docs/runbooks/rb-900', '/docs/troubleshooting/queue']);
  });

  it('tolerates a typo in a long word', () => {
    expect(search(index, 'CrashLopBackOff', 3, vocabulary).map((h) => h.runbook_id)).toContain('RB-003');
  });
});
