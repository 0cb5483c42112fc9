/**
 * Client-side search over the doc-index data: tokens over runbook id, title, alerts, symptoms,
 * services and description. Case-insensitive and tolerant of hyphens, dots, colons and spaces
 * inside a token (`rb-001`, `RB001`, `crashloop`, `ImagePullBackOff`, `Error:connection`).
 * Every query token must match somewhere; runbooks rank above every other page.
 */
import type { DocIndexEntry } from '../../plugins/doc-index/index.ts';

/** Lower-case, accents and every non-alphanumeric character removed: `RB-001` → `rb001`. */
export function compact(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Whitespace-separated query words, compacted, de-duplicated, empties dropped. */
export function queryTokens(query: string): string[] {
  return [...new Set(query.split(/[\s,;]+/).map(compact).filter((token) => token !== ''))];
}

type Field = { weight: number; raw: string; key: string; snippet: boolean };

export type IndexedEntry = { entry: DocIndexEntry; fields: Field[]; isRunbook: boolean; id: string };

export type SearchHit = {
  entry: DocIndexEntry;
  score: number;
  /** The symptom or alert that matched, to show why this result is here. */
  matched?: string;
};

const WEIGHTS = { runbook_id: 12, title: 6, alerts: 5, symptoms: 5, services: 4, description: 2 } as const;

export function indexEntries(entries: readonly DocIndexEntry[]): IndexedEntry[] {
  return entries.map((entry) => {
    const fields: Field[] = [];
    const add = (weight: number, values: readonly string[] | string | undefined, snippet = false) => {
      for (const raw of typeof values === 'string' ? [values] : values ?? []) {
        fields.push({ weight, raw, key: compact(raw), snippet });
      }
    };
    add(WEIGHTS.runbook_id, entry.runbook_id);
    add(WEIGHTS.title, entry.title);
    add(WEIGHTS.alerts, entry.alerts, true);
    add(WEIGHTS.symptoms, entry.symptoms, true);
    add(WEIGHTS.services, entry.services);
    add(WEIGHTS.description, entry.description);
    return {
      entry,
      fields,
      isRunbook: entry.type === 'runbook' || entry.runbook_id !== undefined,
      id: compact(entry.runbook_id ?? ''),
    };
  });
}

function scoreEntry(item: IndexedEntry, tokens: readonly string[], phrase: string): SearchHit | undefined {
  let score = 0;
  for (const token of tokens) {
    let best = 0;
    for (const field of item.fields) {
      const candidate = field.weight + (field.key.startsWith(token) ? 1 : 0);
      if (candidate > best && field.key.includes(token)) best = candidate;
    }
    if (best === 0) return undefined;
    score += best;
  }
  if (item.id !== '' && tokens.includes(item.id)) score += 50;
  let matched: string | undefined;
  let matchedScore = 0;
  for (const field of item.fields) {
    // The whole query as one phrase: typing (part of) an exact error string ranks its page first.
    if (phrase.length >= 4 && field.key.includes(phrase)) score += field.weight * 2;
    if (field.snippet) {
      const hits = tokens.filter((token) => field.key.includes(token)).length + (field.key.includes(phrase) ? tokens.length : 0);
      if (hits > matchedScore) [matched, matchedScore] = [field.raw, hits];
    }
  }
  return { entry: item.entry, score, matched };
}

export function search(index: readonly IndexedEntry[], query: string, limit = 10): SearchHit[] {
  const tokens = queryTokens(query);
  if (tokens.length === 0) return [];
  const phrase = tokens.join('');
  const hits: (SearchHit & { isRunbook: boolean })[] = [];
  for (const item of index) {
    const hit = scoreEntry(item, tokens, phrase);
    if (hit) hits.push({ ...hit, isRunbook: item.isRunbook });
  }
  hits.sort(
    (a, b) =>
      Number(b.isRunbook) - Number(a.isRunbook) ||
      b.score - a.score ||
      (a.entry.runbook_id ?? '').localeCompare(b.entry.runbook_id ?? '') ||
      a.entry.title.localeCompare(b.entry.title),
  );
  return hits.slice(0, limit).map(({ isRunbook: _, ...hit }) => hit);
}
