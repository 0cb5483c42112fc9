/**
 * What the search index holds, shared by the build (src/plugins/search-index) and the browser
 * (src/search/useHandbookSearch.ts): the same fields, boosts and tokenizer on both sides.
 */
import type { Options, SearchOptions } from 'minisearch';
import { tokenize } from './tokenize.ts';

/** One indexed page. Fields in INDEXED are searched; fields in STORED come back with each result. */
export interface SearchDocument {
  id: string; // the page's URL path
  title: string;
  type?: string;
  runbook_id?: string;
  severity?: string;
  services?: string;
  owner?: string;
  description?: string;
  alerts?: string;
  symptoms?: string;
  headings?: string;
  body?: string;
  code?: string;
  /** One line per section (level 2 and deeper): `anchor<TAB>heading<TAB>first command`. */
  sections?: string;
}

export const INDEXED = ['runbook_id', 'title', 'alerts', 'symptoms', 'headings', 'services', 'description', 'body', 'code'] as const;
export const STORED = ['title', 'type', 'runbook_id', 'severity', 'services', 'owner', 'description', 'alerts', 'symptoms', 'sections'] as const;

/** An exact id or alert name beats a symptom, which beats a title word, which beats body text. */
export const BOOST: Record<(typeof INDEXED)[number], number> = {
  runbook_id: 12,
  alerts: 8,
  symptoms: 5,
  title: 5,
  headings: 2,
  services: 2,
  description: 2,
  code: 1.5,
  body: 1,
};

/**
 * The former page-type multiplier (runbooks ×3), kept for the other engines of bench:search. The
 * shipped ranking uses the page type as a tie-breaker instead (src/search/engine.ts).
 */
export const RUNBOOK_BOOST = 3;

export const INDEX_OPTIONS: Options<SearchDocument> = {
  fields: [...INDEXED],
  storeFields: [...STORED],
  tokenize,
  processTerm: (term) => term,
};

export const SEARCH_OPTIONS: SearchOptions = {
  tokenize,
  processTerm: (term) => term.toLowerCase(),
  boost: BOOST,
  combineWith: 'AND',
  // Prefixes from three letters (`replic` finds `replication`; `i` or `do` find nothing extra).
  prefix: (term) => term.length >= 3,
  // Typos in long words only: `kubctl` finds `kubectl`, `rb-007` never finds `rb-001`.
  fuzzy: (term) => (term.length >= 6 && !/\d/.test(term) ? 0.2 : false),
};
