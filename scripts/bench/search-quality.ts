/**
 * The query-set table of `npm run bench:search`: top-1, top-3 and MRR per category, for the tuning
 * half and the holdout half of tests/fixtures/search-queries.ts. With `--misses`, lists the tuning
 * half's misses (never the holdout's: it is reported in aggregate only).
 */
import { CATEGORIES, CATEGORY_LABELS } from '../../tests/fixtures/search-queries.ts';
import { evaluate, percent, type Evaluation, type Score } from '../../tests/helpers/search-evaluation.ts';

const cell = (s: Score) => `${`${s.queries}`.padStart(3)} ${percent(s.top1, s.queries).padStart(5)} ${percent(s.top3, s.queries).padStart(5)} ${s.mrr.toFixed(2).padStart(5)}`;

export function summary(result: Evaluation): string {
  const { tuning, holdout } = result.byHalf;
  return `tuning top-1 ${percent(tuning.total.top1, tuning.total.queries)}, top-3 ${percent(tuning.total.top3, tuning.total.queries)}, MRR ${tuning.total.mrr.toFixed(2)}; holdout top-1 ${percent(holdout.total.top1, holdout.total.queries)}, top-3 ${percent(holdout.total.top3, holdout.total.queries)}, MRR ${holdout.total.mrr.toFixed(2)}`;
}

export function printQuality(name: string, search: (query: string) => string[], showMisses = process.argv.includes('--misses')): Evaluation {
  const result = evaluate(search);
  const head = `${'n'.padStart(3)} ${'top-1'.padStart(5)} ${'top-3'.padStart(5)} ${'MRR'.padStart(5)}`;
  console.log(`\n${name}: the on-call query set, per category\n`);
  console.log(`${'category'.padEnd(30)} | ${'tuning'.padEnd(head.length)} | holdout`);
  console.log(`${''.padEnd(30)} | ${head} | ${head}`);
  for (const category of CATEGORIES) {
    console.log(`${CATEGORY_LABELS[category].padEnd(30)} | ${cell(result.byHalf.tuning.byCategory[category])} | ${cell(result.byHalf.holdout.byCategory[category])}`);
  }
  console.log(`${'all'.padEnd(30)} | ${cell(result.byHalf.tuning.total)} | ${cell(result.byHalf.holdout.total)}`);
  if (showMisses) {
    console.log(`\ntuning misses (${result.tuningMisses.length}):`);
    for (const { query, got } of result.tuningMisses) console.log(`  [${query.category}] ${JSON.stringify(query.query)} → want ${query.expected.join(' | ')}; got ${got.join(', ')}`);
  }
  return result;
}
