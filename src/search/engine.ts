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
import { analyse, normalise, NO_VOCABULARY, type Analysis, type Vocabulary } from './query.ts';
import { tokenize } from './tokenize.ts';

export type Snippet = {
  kind: 'symptom' | 'alert' | 'heading';
  text: string;
  /** The first command of the section, for a heading. */
  command?: string;
};

export type Hit = Pick<SearchDocument, 'title' | 'type' | 'runbook_id' | 'severity' | 'owner' | 'description'> & {
  /** URL path of the page. */
  id: string;
  /** The page, at the heading of the section that matched when there is one. */
  href: string;
  services: string[];
  score: number;
  /** What matched: a symptom, an alert, or a section heading (with its first command). */
  snippet?: Snippet;
  /** The alert or symptom that matched (kept for callers of the earlier API). */
  matched?: string;
  /** True when not every word matched (shown as a weaker result). */
  partial: boolean;
};

/** The chunk the search-index plugin writes: the serialised index and the vocabulary. */
export interface IndexChunk {
  index: Record<string, unknown>;
  vocabulary: Vocabulary;
}

export function loadIndex(json: string | Record<string, unknown>): MiniSearch<SearchDocument> {
  return typeof json === 'string' ? MiniSearch.loadJSON(json, INDEX_OPTIONS) : MiniSearch.loadJS(json as never, INDEX_OPTIONS);
}

export const PHRASE_BOOST = 3;
export const INTENT_BOOST = 3;
export const TIE_BREAK = 0.05;
/** Types in the order they win ties; others count as 0. */
export const TYPE_ORDER = ['guide', 'reference', 'incident', 'checklist', 'reference-card', 'deployment', 'procedure', 'rollback', 'troubleshooting', 'runbook'];
/** Types an error string, alert name or id prefers. */
export const ERROR_TYPES = ['runbook', 'troubleshooting'];

/** A page's path under docs/ without extension, from a served URL or a file path. */
export const pageOf = (id: string) => id.replace(/^.*?\bdocs\//, '').replace(/\.mdx?$/, '').replace(/\/$/, '').replace(/^\/+/, '') || 'index';

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

const lines = (value: unknown) => String(value ?? '').split('\n').filter(Boolean);

/** Whether a stored symptom or alert matches the query's phrase whole. */
export function phraseMatch(result: Record<string, unknown>, phrase: string | undefined): boolean {
  if (!phrase) return false;
  for (const entry of [...lines(result['symptoms']), ...lines(result['alerts'])]) {
    const norm = normalise(entry);
    if (norm.split(' ').length < 2 && !/[A-Z].*[A-Z]/.test(entry)) continue;
    if (norm === phrase || phrase.includes(norm) || (norm.includes(phrase) && phrase.split(' ').length >= 3)) return true;
  }
  return false;
}

/** Query tokens with their weight (1 typed, less for a synonym), for choosing the snippet. */
function queryTokens(analysis: Analysis): Map<string, number> {
  const tokens = new Map<string, number>();
  for (const { text, weight } of analysis.groups.flat()) for (const t of tokenize(text)) tokens.set(t, Math.max(weight, tokens.get(t) ?? 0));
  return tokens;
}

const overlap = (text: string, tokens: Map<string, number>) => {
  const own = tokenize(text);
  let score = 0;
  for (const [t, weight] of tokens) if (own.some((o) => o === t || (t.length >= 3 && o.startsWith(t)))) score += weight;
  return score;
};

/** The snippet of a result (its stored fields) for the query, and the anchor it links to. */
export function snippetOf(result: Record<string, unknown>, analysis: Analysis): { snippet?: Snippet; anchor?: string } {
  const tokens = queryTokens(analysis);
  const sections = lines(result['sections']).map((line) => {
    const [anchor = '', heading = '', command = ''] = line.split('\t');
    return { anchor, heading, command };
  });
  const symptomsSection = sections.find((s) => /^symptoms$/i.test(s.heading));
  let best: { snippet: Snippet; anchor?: string; score: number } | undefined;
  for (const [kind, field] of [
    ['alert', 'alerts'],
    ['symptom', 'symptoms'],
  ] as const) {
    for (const entry of lines(result[field])) {
      const score = overlap(entry, tokens) * (kind === 'alert' ? 2 : 1) + (analysis.phrase && normalise(entry) && analysis.phrase.includes(normalise(entry)) ? 5 : 0);
      if (score >= 1 && (!best || score > best.score)) best = { snippet: { kind, text: entry }, ...(symptomsSection ? { anchor: symptomsSection.anchor } : {}), score };
    }
  }
  for (const section of sections) {
    const score = overlap(section.heading, tokens);
    // A heading wins over a symptom only when it matches more of the query.
    if (score >= 1 && (!best || score > best.score)) {
      best = { snippet: { kind: 'heading', text: section.heading, ...(section.command ? { command: section.command } : {}) }, anchor: section.anchor, score };
    }
  }
  return best ? { snippet: best.snippet, ...(best.anchor ? { anchor: best.anchor } : {}) } : {};
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
  return ranked.slice(0, limit).map(({ result: r, rank }) => {
    const { snippet, anchor } = snippetOf(r, analysis);
    const id = r.id as string;
    return {
      id,
      href: anchor ? `${id}#${anchor}` : id,
      title: r['title'] as string,
      type: r['type'] as string | undefined,
      runbook_id: r['runbook_id'] as string | undefined,
      severity: r['severity'] as string | undefined,
      owner: r['owner'] as string | undefined,
      description: r['description'] as string | undefined,
      services: String(r['services'] ?? '').split(' ').filter(Boolean),
      score: rank,
      ...(snippet ? { snippet } : {}),
      ...(snippet && snippet.kind !== 'heading' ? { matched: snippet.text } : {}),
      partial,
    };
  });
}
