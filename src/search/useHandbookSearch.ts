/**
 * The browser side of the handbook search: loads the index chunk once (lazily, on first use), then
 * answers queries synchronously. Shared by the home page search and the navbar search dialog.
 */
import { useEffect, useMemo, useState } from 'react';
import type MiniSearch from 'minisearch';
import type { SearchDocument } from './fields.ts';
import { loadIndex, search, type Hit } from './engine.ts';

let loading: Promise<MiniSearch<SearchDocument>> | undefined;

/** Starts loading the index (idempotent). Call it when the user shows intent, e.g. on focus. */
export function preloadSearchIndex(): Promise<MiniSearch<SearchDocument>> {
  loading ??= import('@generated/search-index/default/search-index.json').then((module) => loadIndex(module.default));
  return loading;
}

export type SearchState = { status: 'loading' | 'ready' | 'error'; hits: Hit[]; documents: number };

export function useHandbookSearch(query: string, enabled = true): SearchState {
  const [index, setIndex] = useState<MiniSearch<SearchDocument> | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!enabled || index) return;
    let live = true;
    preloadSearchIndex().then(
      (loaded) => live && setIndex(loaded),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [enabled, index]);
  const hits = useMemo(() => (index ? search(index, query) : []), [index, query]);
  return { status: failed ? 'error' : index ? 'ready' : 'loading', hits, documents: index?.documentCount ?? 0 };
}
