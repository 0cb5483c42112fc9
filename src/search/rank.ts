/**
 * What both index designs share after retrieval (engine.ts: one MiniSearch file; sharded.ts: term
 * shards): the ranking constants, the phrase match, the snippet and the hit shape. No dependencies,
 * so that the sharded design's chunk does not carry MiniSearch.
 */
import { normalise, type Analysis } from './query.ts';
import type { SearchDocument } from './fields.ts';
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

export const PHRASE_BOOST = 3;
export const INTENT_BOOST = 3;
export const TIE_BREAK = 0.05;
/** Types in the order they win ties; others count as 0. */
export const TYPE_ORDER = ['guide', 'reference', 'incident', 'checklist', 'reference-card', 'deployment', 'procedure', 'rollback', 'troubleshooting', 'runbook'];
/** Types an error string, alert name or id prefers. */
export const ERROR_TYPES = ['runbook', 'troubleshooting'];

/** A page's path under docs/ without extension, from a served URL or a file path. */
export const pageOf = (id: string) => id.replace(/^.*?\bdocs\//, '').replace(/\.mdx?$/, '').replace(/\/$/, '').replace(/^\/+/, '') || 'index';

export const lines = (value: unknown) => String(value ?? '').split('\n').filter(Boolean);

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

/** A ranked stored document as a result: its fields, the snippet that matched and the link to its heading. */
export function hitOf(r: Record<string, unknown>, id: string, rank: number, analysis: Analysis, partial: boolean): Hit {
  const { snippet, anchor } = snippetOf(r, analysis);
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
}
