/**
 * npm run bench:search — search engines and the shipped ranking on the shipped docs: the candidate
 * engines indexed over the same documents (as src/plugins/search-index builds them: body, code
 * blocks, ids, alerts, symptoms) and asked the 38 on-call scenarios of the regression test
 * (tests/fixtures/search-scenarios.ts): build time, serialised index size (raw, gzip), mean query
 * time, top-3 hits. Then the on-call query set (tests/fixtures/search-queries.ts, 288 queries):
 * top-1, top-3 and MRR for every engine, and per category and half for our ranking, over one
 * MiniSearch file and over the sharded index the site ships (`--misses` lists the tuning half's
 * misses). Index size and speed at 1,000 and 10,000 docs: npm run bench:search-scale.
 *
 * - MiniSearch with our ranking (src/search/engine.ts): identifier-aware tokenizer
 *   (`CrashLoopBackOff`, `RB-007`, `a.b:c`), field boosts, synonyms, intents, phrase match,
 *   page type as tie-breaker, prefix + typo tolerance in long words.
 * - MiniSearch with its default tokenizer and the same boosts: what the tokenizer is worth.
 * - lunr 2 (the engine of @easyops-cn/docusaurus-search-local), its default English pipeline
 *   (stemmer, stop words), the same field boosts, trailing wildcards.
 * - FlexSearch 0.8, one `Index` per field (`tokenize: 'forward'`), ranks merged with the same boosts.
 *
 * Pagefind is not in this table: it indexes HTML with a native binary and answers in the browser
 * from its own files, so it is measured in Chromium by npm run bench:search-scale, with the
 * sharded index and this MiniSearch file.
 */
import { gzipSync } from 'node:zlib';
import FlexSearch from 'flexsearch';
import lunr from 'lunr';
import MiniSearch from 'minisearch';
import { SCENARIOS } from '../../tests/fixtures/search-scenarios.ts';
import { search } from '../../src/search/engine.ts';
import { loadVocabulary } from '../../src/search/synonyms.ts';
import { buildShards, shardCount, ShardedIndex } from '../../src/search/sharded.ts';
import { QUERIES } from '../../tests/fixtures/search-queries.ts';
import { BOOST, INDEX_OPTIONS, INDEXED, RUNBOOK_BOOST, STORED, type SearchDocument } from '../../src/search/fields.ts';
import { shippedSearchDocuments } from '../../tests/helpers/search-documents.ts';
import { printQuality, summary } from './search-quality.ts';
import { evaluate } from '../../tests/helpers/search-evaluation.ts';

const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const REPEAT = 20;
const vocabulary = loadVocabulary(ROOT);

interface Engine {
  name: string;
  /** Builds the index; returns its serialised form (what the browser downloads). */
  build: (docs: SearchDocument[]) => string;
  /** Top `limit` document ids for `query`, from the index loaded back from its serialised form. */
  query: (query: string, limit: number) => string[];
}

const byId = new Map<string, SearchDocument>();
const rank = (scores: Map<string, number>, limit: number) =>
  [...scores.entries()]
    .map(([id, score]) => [id, score * (byId.get(id)?.type === 'runbook' ? RUNBOOK_BOOST : 1)] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([id]) => id);

function miniSearch(name: string, options: typeof INDEX_OPTIONS, useShippedQuery: boolean): Engine {
  let index: MiniSearch<SearchDocument> | undefined;
  return {
    name,
    build(docs) {
      const built = new MiniSearch<SearchDocument>(options);
      built.addAll(docs);
      const json = JSON.stringify(built);
      index = MiniSearch.loadJSON<SearchDocument>(json, options);
      return json;
    },
    query(query, limit) {
      if (!index) return [];
      if (useShippedQuery) return search(index, query, limit, vocabulary).map((hit) => hit.id);
      return index
        .search(query, { boost: BOOST, prefix: true, fuzzy: 0.2, boostDocument: (_id, _t, stored) => (stored?.['type'] === 'runbook' ? RUNBOOK_BOOST : 1) })
        .slice(0, limit)
        .map((r) => String(r.id));
    },
  };
}

function lunrEngine(): Engine {
  let index: lunr.Index | undefined;
  return {
    name: 'lunr 2 (easyops search-local engine)',
    build(docs) {
      const built = lunr(function () {
        this.ref('id');
        for (const field of INDEXED) this.field(field, { boost: BOOST[field] });
        for (const doc of docs) this.add(doc);
      });
      const json = JSON.stringify(built);
      index = lunr.Index.load(JSON.parse(json) as object);
      return json;
    },
    query(query, limit) {
      if (!index) return [];
      const terms = lunr.tokenizer(query).map((t) => t.toString());
      const results = index.query((q) => {
        for (const term of terms) q.term(term, { wildcard: lunr.Query.wildcard.TRAILING, presence: lunr.Query.presence.OPTIONAL });
      });
      return rank(new Map(results.map((r) => [r.ref, r.score])), limit);
    },
  };
}

type FlexIndex = { add(id: number, text: string): void; search(query: string, options: { limit: number; suggest: boolean }): number[]; export(handler: (key: string, data: string) => void): void };

function flexEngine(): Engine {
  const indexes = new Map<string, FlexIndex>();
  let ids: string[] = [];
  return {
    name: 'FlexSearch 0.8 (forward, per field)',
    build(docs) {
      ids = docs.map((d) => d.id);
      let serialised = JSON.stringify(docs.map((d) => Object.fromEntries(STORED.map((f) => [f, d[f]]))));
      for (const field of INDEXED) {
        const index = new (FlexSearch as unknown as { Index: new (o: object) => FlexIndex }).Index({ tokenize: 'forward' });
        docs.forEach((doc, i) => doc[field] && index.add(i, doc[field]));
        index.export((key, data) => {
          serialised += `${field}.${key}${data ?? ''}`;
        });
        indexes.set(field, index);
      }
      return serialised;
    },
    query(query, limit) {
      const scores = new Map<string, number>();
      for (const field of INDEXED) {
        const found = indexes.get(field)?.search(query, { limit: 50, suggest: true }) ?? [];
        found.forEach((i, position) => {
          const id = ids[i]!;
          scores.set(id, (scores.get(id) ?? 0) + BOOST[field] / (position + 1));
        });
      }
      return rank(scores, limit);
    },
  };
}

const docs = shippedSearchDocuments(ROOT);
for (const doc of docs) byId.set(doc.id, doc);
const engines: Engine[] = [
  miniSearch('MiniSearch, one file (our ranking)', INDEX_OPTIONS, true),
  miniSearch('MiniSearch, default tokenizer', { fields: [...INDEXED], storeFields: [...STORED] }, false),
  lunrEngine(),
  flexEngine(),
];

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`${docs.length} documents, ${SCENARIOS.length} on-call scenarios, each query timed ${REPEAT}x.\n`);
console.log(`${'engine'.padEnd(40)} ${'build'.padStart(8)} ${'index raw'.padStart(11)} ${'gzip'.padStart(10)} ${'query'.padStart(9)}  top-3 hits`);
for (const engine of engines) {
  let started = performance.now();
  const serialised = engine.build(docs);
  const buildMs = performance.now() - started;
  const misses: string[] = [];
  let hits = 0;
  for (const [query, expected] of SCENARIOS) {
    const top = engine.query(query, 3).map((id) => byId.get(id)?.runbook_id ?? id);
    if (top.includes(expected)) hits++;
    else misses.push(query);
  }
  started = performance.now();
  for (let i = 0; i < REPEAT; i++) for (const [query] of SCENARIOS) engine.query(query, 10);
  const queryMs = (performance.now() - started) / (REPEAT * SCENARIOS.length);
  const bytes = Buffer.byteLength(serialised);
  console.log(
    `${engine.name.padEnd(40)} ${`${buildMs.toFixed(0)} ms`.padStart(8)} ${kib(bytes).padStart(11)} ${kib(gzipSync(serialised).length).padStart(10)} ` +
      `${`${queryMs.toFixed(2)} ms`.padStart(9)}  ${hits}/${SCENARIOS.length} (${((hits / SCENARIOS.length) * 100).toFixed(0)}%)`,
  );
  if (misses.length > 0) console.log(`${''.padEnd(40)} missed: ${misses.slice(0, 6).map((q) => JSON.stringify(q)).join(', ')}${misses.length > 6 ? ', …' : ''}`);
}

console.log('\nThe on-call query set (tests/fixtures/search-queries.ts), every engine:');
for (const engine of engines) console.log(`${engine.name.padEnd(40)} ${summary(evaluate((query) => engine.query(query, 10)))}`);
printQuality(engines[0]!.name, (query) => engines[0]!.query(query, 10));

// The shipped design: the same ranking over the sharded index (src/search/sharded.ts).
const files = buildShards(docs, vocabulary, shardCount(docs.length));
const sharded = new ShardedIndex(async (path) => files.get(path));
const answers = new Map<string, string[]>();
for (const { query } of QUERIES) answers.set(query, (await sharded.search(query, 10)).map((hit) => hit.id));
printQuality('Sharded index, as shipped (src/search/sharded.ts)', (query) => answers.get(query) ?? []);
