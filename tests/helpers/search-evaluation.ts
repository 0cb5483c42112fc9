/**
 * Scores a search function on the on-call query set (tests/fixtures/search-queries.ts): top-1,
 * top-3 and mean reciprocal rank (over the first 10 results) per category, for the tuning and the
 * holdout half. Shared by the holdout test (tests/unit/search-queries.test.ts) and
 * `npm run bench:search`.
 *
 * Misses are kept for the tuning half only: the holdout half is reported in aggregate, so that
 * nobody tunes the ranking to its individual queries.
 */
import { CATEGORIES, QUERIES, half, pageName, type Category, type Half, type Query } from '../fixtures/search-queries.ts';

export interface Score {
  queries: number;
  top1: number;
  top3: number;
  /** Mean reciprocal rank of the first expected page within the first 10 results (0 if absent). */
  mrr: number;
}

export interface Evaluation {
  byHalf: Record<Half, { total: Score; byCategory: Record<Category, Score> }>;
  /** Tuning-half queries whose expected page is not in the top 3, with what came instead. */
  tuningMisses: Array<{ query: Query; got: string[] }>;
}

/** Rank (1-based) of the first expected page in `results` (page names or hit ids), or 0. */
export function rankOf(query: Query, results: string[]): number {
  const found = results.findIndex((id) => query.expected.includes(pageName(id)));
  return found === -1 ? 0 : found + 1;
}

const empty = (): Score => ({ queries: 0, top1: 0, top3: 0, mrr: 0 });

export function evaluate(search: (query: string) => string[], queries: Query[] = QUERIES): Evaluation {
  const byHalf = Object.fromEntries(
    (['tuning', 'holdout'] as const).map((h) => [h, { total: empty(), byCategory: Object.fromEntries(CATEGORIES.map((c) => [c, empty()])) }]),
  ) as Evaluation['byHalf'];
  const tuningMisses: Evaluation['tuningMisses'] = [];
  for (const query of queries) {
    const results = search(query.query).slice(0, 10);
    const rank = rankOf(query, results);
    const which = half(query.query);
    for (const score of [byHalf[which].total, byHalf[which].byCategory[query.category]]) {
      score.queries++;
      if (rank === 1) score.top1++;
      if (rank >= 1 && rank <= 3) score.top3++;
      if (rank > 0) score.mrr += 1 / rank;
    }
    if (which === 'tuning' && (rank === 0 || rank > 3)) tuningMisses.push({ query, got: results.slice(0, 3).map(pageName) });
  }
  for (const h of Object.values(byHalf)) for (const score of [h.total, ...Object.values(h.byCategory)]) if (score.queries) score.mrr /= score.queries;
  return { byHalf, tuningMisses };
}

export const percent = (n: number, of: number) => (of === 0 ? '-' : `${((n / of) * 100).toFixed(0)}%`);
