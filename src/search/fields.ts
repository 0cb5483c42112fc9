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
}

export const INDEXED = ['runbook_id', 'title', 'alerts', 'symptoms', 'headings', 'services', 'description', 'body', 'code'] as const;
export const STORED = ['title', 'type', 'runbook_id', 'severity', 'services', 'owner', 'description', 'alerts', 'symptoms'] as const;

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

/** Runbooks rank above other pages for the same match. */
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
  prefix: true,
  // Typos in long words only: `kubctl` finds `kubectl`, `rb-007` never finds `rb-001`.
  fuzzy: (term) => (term.length >= 6 && !/\d/.test(term) ? 0.2 : false),
  boostDocument: (_id, _term, stored) => (stored?.['type'] === 'runbook' ? RUNBOOK_BOOST : 1),
};
