/**
 * The browser side of the handbook search: the sharded index (src/search/sharded.ts). Its engine
 * and its meta file are lazily loaded chunks, fetched on first use (focus, hover, Ctrl+K), never
 * on page load; each query then loads the term shards and store chunks it needs (chunks of the
 * site, precached by the service worker, so offline too). Shared by the home page search and the
 * navbar search dialog.
 */
import { useEffect, useState } from 'react';
import type { ShardedIndex } from './sharded.ts';
import type { Hit } from './rank.ts';

type Loaded = { index: ShardedIndex; documents: number };

let loading: Promise<Loaded> | undefined;

const unwrap = (module: { default: unknown }) => module.default;

function loadFile(path: string): Promise<unknown> {
  const match = /^(shards|store)\/(\d+)\.json$/.exec(path);
  if (!match) return Promise.reject(new Error(`search: no index file ${path}`));
  return match[1] === 'shards'
    ? import(/* webpackChunkName: "search-shard-[request]" */ `@generated/search-index/default/shards/${match[2]}.json`).then(unwrap)
    : import(/* webpackChunkName: "search-store-[request]" */ `@generated/search-index/default/store/${match[2]}.json`).then(unwrap);
}

/** Starts loading the index (idempotent). Call it when the user shows intent, e.g. on focus. */
export function preloadSearchIndex(): Promise<Loaded> {
  loading ??= Promise.all([import('./sharded.ts'), import('@generated/search-index/default/meta.json')]).then(([sharded, meta]) => ({
    index: new sharded.ShardedIndex((path) => (path === 'meta.json' ? Promise.resolve(meta.default) : loadFile(path))),
    documents: meta.default.documents,
  }));
  return loading;
}

export type SearchState = { status: 'loading' | 'ready' | 'error'; hits: Hit[]; documents: number };

export function useHandbookSearch(query: string, enabled = true): SearchState {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState(false);
  const [answer, setAnswer] = useState<{ query: string; hits: Hit[] }>({ query: '', hits: [] });
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
  useEffect(() => {
    if (!loaded || query.trim() === '') return;
    let live = true;
    loaded.index.search(query, 10).then(
      (hits) => live && setAnswer({ query, hits }),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [loaded, query]);
  // Until a new query's shards arrive, the previous results stay (no flicker while typing).
  const hits = query.trim() === '' ? [] : answer.hits;
  return { status: failed ? 'error' : loaded ? 'ready' : 'loading', hits, documents: loaded?.documents ?? 0 };
}
