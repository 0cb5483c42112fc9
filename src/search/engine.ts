/**
 * Querying the handbook index: used by the browser (useHandbookSearch) and by the scenario tests
 * (tests/unit/search-scenarios.test.ts) against the very index the build wrote.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import { INDEX_OPTIONS, SEARCH_OPTIONS, type SearchDocument } from './fields.ts';
import { tokenize } from './tokenize.ts';

export type Hit = Pick<SearchDocument, 'title' | 'type' | 'runbook_id' | 'severity' | 'owner' | 'description'> & {
  /** URL path of the page. */
  id: string;
  services: string[];
  score: number;
  /** The alert or symptom that matched, to show why this result is here. */
  matched?: string;
  /** True when not every word matched (shown as a weaker result). */
  partial: boolean;
};

export function loadIndex(json: string | Record<string, unknown>): MiniSearch<SearchDocument> {
  return typeof json === 'string' ? MiniSearch.loadJSON(json, INDEX_OPTIONS) : MiniSearch.loadJS(json as never, INDEX_OPTIONS);
}

function why(result: SearchResult, terms: string[]): string | undefined {
  for (const field of ['alerts', 'symptoms'] as const) {
    const values = String(result[field] ?? '');
    if (!values) continue;
    const candidates = values.split('\n');
    const best = candidates.find((c) => terms.some((t) => tokenize(c).some((token) => token.startsWith(t))));
    if (best) return best;
  }
  return undefined;
}

export function search(index: MiniSearch<SearchDocument>, query: string, limit = 10): Hit[] {
  if (query.trim() === '') return [];
  let results = index.search(query, SEARCH_OPTIONS);
  let partial = false;
  if (results.length === 0) {
    results = index.search(query, { ...SEARCH_OPTIONS, combineWith: 'OR' });
    partial = true;
  }
  const terms = tokenize(query);
  return results.slice(0, limit).map((r) => ({
    id: r.id as string,
    title: r['title'] as string,
    type: r['type'] as string | undefined,
    runbook_id: r['runbook_id'] as string | undefined,
    severity: r['severity'] as string | undefined,
    owner: r['owner'] as string | undefined,
    description: r['description'] as string | undefined,
    services: String(r['services'] ?? '').split(' ').filter(Boolean),
    score: r.score,
    matched: why(r, terms),
    partial,
  }));
}
