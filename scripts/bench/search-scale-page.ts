/**
 * The page bench:search-scale opens in Chromium: each design's engine is a lazily loaded chunk,
 * fetched with its index on the first query, as the site's search does (nothing is loaded with the
 * page). `window.searchBench.first(design, query)` loads the design and answers one query;
 * `window.searchBench.run(queries)` then answers each query, timing it (shards, store chunks and
 * Pagefind fragments fetched on the way count in the time).
 */
import { forPagefind } from './search-pagefind.ts';

type Search = (query: string) => Promise<string[]>;

const designs: Record<string, () => Promise<Search>> = {
  async minisearch() {
    const [engine, chunk] = await Promise.all([import('../../src/search/engine.ts'), fetch('minisearch/index.json').then((r) => r.json())]);
    const index = engine.loadIndex(chunk.index);
    return async (query) => engine.search(index, query, 10, chunk.vocabulary).map((hit) => hit.id);
  },
  async sharded() {
    const { ShardedIndex } = await import('../../src/search/sharded.ts');
    const index = new ShardedIndex((path) => fetch(`sharded/${path}`).then((r) => r.json()));
    return async (query) => (await index.search(query, 10)).map((hit) => hit.id);
  },
  async pagefind() {
    return pagefindSearch('pagefind', true);
  },
  async 'pagefind-raw'() {
    return pagefindSearch('pagefind-raw', false);
  },
};

type Pagefind = {
  options: (o: object) => Promise<void>;
  init: () => Promise<void>;
  search: (q: string) => Promise<{ results: Array<{ data: () => Promise<{ url: string; meta: Record<string, string> }> }> }>;
};

async function pagefindSearch(folder: string, identifiers: boolean): Promise<Search> {
  const url = `/${folder}/pagefind.js`;
  const pagefind = (await import(/* webpackIgnore: true */ url)) as Pagefind;
  await pagefind.options({ basePath: `/${folder}/` });
  await pagefind.init();
  return async (query) => {
    const found = await pagefind.search(identifiers ? forPagefind(query) : query);
    // The ten results shown need their fragments (title, URL, excerpt): fetched here, as a UI would.
    const data = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
    return data.map((d) => d.meta['id'] ?? d.url);
  };
}

let current: Search | undefined;

const bench = {
  async first(design: string, query: string): Promise<{ ms: number; results: string[] }> {
    const started = performance.now();
    current = await designs[design]!();
    const results = await current(query);
    return { ms: performance.now() - started, results };
  },
  async run(queries: string[]): Promise<{ times: number[]; results: string[][] }> {
    const times: number[] = [];
    const results: string[][] = [];
    for (const query of queries) {
      const started = performance.now();
      results.push(await current!(query));
      times.push(performance.now() - started);
    }
    return { times, results };
  },
};

(window as unknown as { searchBench: typeof bench }).searchBench = bench;
