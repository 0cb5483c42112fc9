/**
 * The browser side of the handbook search. The index and the search library are one lazily loaded
 * chunk each, fetched on first use (focus, hover, Ctrl+K), never on page load; queries are then
 * answered synchronously. Shared by the home page search and the navbar search dialog.
 */
import { useEffect, useMemo, useState } from 'react';
import type MiniSearch from 'minisearch';
import type { SearchDocument } from './fields.ts';
import type { Hit } from './engine.ts';
import type { Vocabulary } from './query.ts';

type Loaded = { index: MiniSearch<SearchDocument>; search: (query: string) => Hit[] };

let loading: Promise<Loaded> | undefined;

/** Starts loading the index (idempotent). Call it when the user shows intent, e.g. on focus. */
export function preloadSearchIndex(): Promise<Loaded> {
  loading ??= Promise.all([import('./engine.ts'), import('@generated/search-index/default/search-index.json')]).then(
    ([engine, data]) => {
      const index = engine.loadIndex(data.default.index);
      const vocabulary: Vocabulary = data.default.vocabulary;
      return { index, search: (query: string) => engine.search(index, query, 10, vocabulary) };
    },
  );
  return loading;
}

export type SearchState = { status: 'loading' | 'ready' | 'error'; hits: Hit[]; documents: number };

export function useHandbookSearch(query: string, enabled = true): SearchState {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!enabled || loaded) return;
    let live = true;
    preloadSearchIndex().then(
      (value) => live && setLoaded(value),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [enabled, loaded]);
  const hits = useMemo(() => (loaded ? loaded.search(query) : []), [loaded, query]);
  return { status: failed ? 'error' : loaded ? 'ready' : 'loading', hits, documents: loaded?.index.documentCount ?? 0 };
}
