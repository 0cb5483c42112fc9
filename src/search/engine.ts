/**
 * Querying the handbook index: used by the browser (useHandbookSearch) and by the tests and
 * benchmarks against the very index the build wrote.
 *
 * Ranking, in order of weight:
 * 1. a runbook id (`RB-007`, `rb 7`) puts that runbook first;
 * 2. relevance: BM25 per field (weights in fields.ts) summed over the query's word groups, each group
 *    matching the word typed or, weighted lower, its synonyms (docs/search-synonyms.yml), times the
 *    share of groups the page matches, cubed (a page with every word beats one with most);
 * 3. a symptom or alert matching a quoted or long query whole (phrase match) ×PHRASE_BOOST;
 * 4. the query's intent (how do I… → task pages, roll back → rollback pages, who / page → escalation,
 *    checklist / card) ×INTENT_BOOST for the pages it prefers;
 * 5. the page type (runbook, then troubleshooting, …) as a tie-breaker: it moves a page past
 *    another only if that one scores less than TIE_BREAK higher.
 */
import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import { BOOST, SEARCH_OPTIONS, INDEX_OPTIONS, type SearchDocument } from './fields.ts';
import { analyse, NO_VOCABULARY, type Analysis, type Vocabulary } from './query.ts';
import { ERROR_TYPES, INTENT_BOOST, PHRASE_BOOST, TIE_BREAK, TYPE_ORDER, hitOf, pageOf, phraseMatch, snippetOf, type Hit } from './rank.ts';

export { ERROR_TYPES, INTENT_BOOST, PHRASE_BOOST, TIE_BREAK, TYPE_ORDER, pageOf, phraseMatch, snippetOf };
export type { Hit, Snippet } from './rank.ts';

/** The chunk the search-index plugin writes: the serialised index and the vocabulary. */
export interface IndexChunk {
  index: Record<string, unknown>;
  vocabulary: Vocabulary;
}

export function loadIndex(json: string | Record<string, unknown>): MiniSearch<SearchDocument> {
  return typeof json === 'string' ? MiniSearch.loadJSON(json, INDEX_OPTIONS) : MiniSearch.loadJS(json as never, INDEX_OPTIONS);
}

/** One alternative of a group: all its words must match (AND), with the field weights scaled. */
function alternativeQuery({ text, weight }: Analysis['groups'][number][number]): Query {
  return { combineWith: 'AND', queries: [text], boost: Object.fromEntries(Object.entries(BOOST).map(([field, value]) => [field, value * weight])) };
}

/**
 * A group's score for each page: the best of its alternatives (not their sum, so that a page that
 * says `rollback`, `roll back` and `revert` does not outscore one that says `undo` once).
 */
function groupResults(index: MiniSearch<SearchDocument>, group: Analysis['groups'][number]): Map<string, SearchResult> {
  const best = new Map<string, SearchResult>();
  for (const alternative of group) {
    for (const result of index.search(alternativeQuery(alternative), SEARCH_OPTIONS)) {
      const seen = best.get(result.id as string);
      if (!seen || seen.score < result.score) best.set(result.id as string, result);
    }
  }
  return best;
}

export function search(index: MiniSearch<SearchDocument>, query: string, limit = 10, vocabulary: Vocabulary = NO_VOCABULARY): Hit[] {
  if (query.trim() === '') return [];
  const analysis = analyse(query, vocabulary);
  if (analysis.groups.length === 0 && !analysis.runbookId) return [];
  const preferred = analysis.intents.flatMap((name) => (name === 'error' ? [{ types: ERROR_TYPES }] : vocabulary.intents[name] ? [vocabulary.intents[name]] : []));

  const found = new Map<string, { result: SearchResult; score: number; groups: number }>();
  for (const group of analysis.groups) {
    for (const result of groupResults(index, group).values()) {
      const entry = found.get(result.id as string);
      if (entry) {
        entry.score += result.score;
        entry.groups++;
      } else found.set(result.id as string, { result, score: result.score, groups: 1 });
    }
  }
  if (analysis.runbookId && ![...found.values()].some((e) => e.result['runbook_id'] === analysis.runbookId)) {
    for (const result of index.search(analysis.runbookId, { ...SEARCH_OPTIONS, fields: ['runbook_id'], fuzzy: false, prefix: false })) {
      if (result['runbook_id'] === analysis.runbookId) found.set(result.id as string, { result, score: result.score, groups: 0 });
    }
  }
  const total = Math.max(1, analysis.groups.length);
  const ranked = [...found.values()].map(({ result, score, groups }) => {
    let relevance = score * (groups / total) ** 3;
    if (phraseMatch(result, analysis.phrase)) relevance *= PHRASE_BOOST;
    const type = String(result['type'] ?? '');
    const page = pageOf(result.id as string);
    if (preferred.some((intent) => intent.types?.includes(type) || intent.pages?.includes(page))) relevance *= INTENT_BOOST;
    if (analysis.runbookId && result['runbook_id'] === analysis.runbookId) relevance = Number.MAX_SAFE_INTEGER;
    const rank = relevance * (1 + (TIE_BREAK * Math.max(0, TYPE_ORDER.indexOf(type))) / (TYPE_ORDER.length - 1));
    return { result, rank, complete: groups === total };
  });
  ranked.sort((a, b) => b.rank - a.rank);
  const partial = ranked.length > 0 && !ranked[0]!.complete;
  return ranked.slice(0, limit).map(({ result: r, rank }) => hitOf(r, r.id as string, rank, analysis, partial));
}
