/**
 * npm run bench:search-scale — three index designs side by side, in one run, on the same documents
 * and the same query set (tests/fixtures/search-queries.ts, 288 queries), measured in Chromium:
 *
 * - MiniSearch as shipped: one JSON file (index + vocabulary), loaded on the first query;
 * - sharded: src/search/sharded.ts (meta, term-prefix shards, store chunks fetched as needed);
 * - Pagefind 1.x (npm `pagefind`, its own binary) over one minimal HTML page per document with the
 *   same fields, with the identifier fix of search-pagefind.ts (and, on the shipped docs only,
 *   without it, to show what the fix is worth).
 *
 * Trees: the shipped docs (quality: top-1/top-3 on the query set) and generated trees of 1,000 and
 * 10,000 docs (scripts/bench/generate-tree.ts; the query set has no right answers there, so only
 * payload and time). Not full Docusaurus sites: one static page that loads each design's engine as
 * a lazy chunk and its index the way the site loads its search chunk, served gzip-encoded from
 * 127.0.0.1 by a server that counts the bytes it sends.
 *
 * First-query payload: every body byte sent by the server (gzip, as transferred) from the first
 * query to its results, with an empty cache: engine chunk, index files, and for Pagefind its
 * script, WebAssembly, entry, index chunks and the 10 result fragments. Query time: in the page,
 * the first query (load included), then each of the 288 queries once (median, p95; fetches of
 * further shards or fragments included, from localhost).
 *
 *   npm run bench:search-scale [-- --sizes 1000,10000]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import MiniSearch from 'minisearch';
import { INDEX_OPTIONS, type SearchDocument } from '../../src/search/fields.ts';
import { buildShards, shardCount, ShardedIndex } from '../../src/search/sharded.ts';
import { loadVocabulary } from '../../src/search/synonyms.ts';
import { CATEGORIES, QUERIES } from '../../tests/fixtures/search-queries.ts';
import { launchBrowser } from '../../tests/e2e/site.ts';
import { evaluate, percent } from '../../tests/helpers/search-evaluation.ts';
import { shippedSearchDocuments } from '../../tests/helpers/search-documents.ts';
import { generateTree } from './generate-tree.ts';
import { pageHtml } from './search-pagefind.ts';

const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const sizesArg = process.argv.indexOf('--sizes');
const SIZES = sizesArg > 0 ? process.argv[sizesArg + 1]!.split(',').map(Number) : [1000, 10000];
const WORK = join(tmpdir(), 'bench-search-scale');
const vocabulary = loadVocabulary(ROOT);
const kb = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;

function writeJson(path: string, data: unknown) {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify(data));
}


async function buildSite(name: string, docs: SearchDocument[], withRawPagefind: boolean): Promise<{ dir: string; times: Record<string, number> }> {
  const dir = join(WORK, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const times: Record<string, number> = {};
  let started = performance.now();
  const index = new MiniSearch<SearchDocument>(INDEX_OPTIONS);
  index.addAll(docs);
  writeJson(join(dir, 'minisearch', 'index.json'), { index, vocabulary });
  times['minisearch'] = performance.now() - started;

  started = performance.now();
  for (const [path, data] of buildShards(docs, vocabulary, shardCount(docs.length))) writeJson(join(dir, 'sharded', path), data);
  times['sharded'] = performance.now() - started;

  for (const [folder, identifiers] of [['pagefind', true], ...(withRawPagefind ? [['pagefind-raw', false]] : [])] as Array<[string, boolean]>) {
    const html = join(WORK, `${name}-${folder}-html`);
    rmSync(html, { recursive: true, force: true });
    mkdirSync(html, { recursive: true });
    docs.forEach((doc, i) => writeFileSync(join(html, `${i}.html`), pageHtml(doc, identifiers)));
    started = performance.now();
    execFileSync(join(ROOT, 'node_modules', '.bin', 'pagefind'), ['--site', html, '--output-path', join(dir, folder), '--quiet'], { stdio: 'inherit' });
    times[folder] = performance.now() - started;
  }

  await build({
    entryPoints: [join(ROOT, 'scripts', 'bench', 'search-scale-page.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    outdir: dir,
    entryNames: 'page',
    logLevel: 'error',
  });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>search bench</title><script type="module" src="/page.js"></script></head><body></body></html>\n');
  return { dir, times };
}

/**
 * A static server that counts what it sends (bodies as transferred: gzip for text, as GitHub Pages
 * serves them; Pagefind's own files are already compressed). Counting at the server also sees the
 * requests of Pagefind's web worker, which the page's own network events do not.
 */
async function countingServer(root: string) {
  let sent = 0;
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      res.writeHead(404).end();
      return;
    }
    const type = file.endsWith('.html') ? 'text/html' : /\.m?js$/.test(file) ? 'text/javascript' : file.endsWith('.json') ? 'application/json' : file.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream';
    const text = type !== 'application/octet-stream' && type !== 'application/wasm';
    if (text) body = gzipSync(body);
    sent += body.length;
    res.writeHead(200, { 'content-type': type, ...(text ? { 'content-encoding': 'gzip' } : {}), 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent: () => sent,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Measured = { design: string; firstBytes: number; firstMs: number; median: number; p95: number; totalBytes: number; results: string[][] };

async function measure(dir: string, designs: string[]): Promise<Measured[]> {
  const server = await countingServer(dir);
  const browser = await launchBrowser();
  const out: Measured[] = [];
  try {
    for (const design of designs) {
      const page = await browser.context.newPage();
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Network.clearBrowserCache');
      await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
      await page.waitForFunction(() => 'searchBench' in window);
      const before = server.sent();
      const queries = QUERIES.map((q) => q.query);
      const first = await page.evaluate(([d, q]) => (window as never as { searchBench: { first: (d: string, q: string) => Promise<{ ms: number }> } }).searchBench.first(d!, q!), [design, queries[0]!]);
      const firstBytes = server.sent() - before;
      const run = await page.evaluate((qs) => (window as never as { searchBench: { run: (q: string[]) => Promise<{ times: number[]; results: string[][] }> } }).searchBench.run(qs), queries);
      const totalBytes = server.sent() - before;
      const sorted = [...run.times].sort((a, b) => a - b);
      out.push({ design, firstBytes, firstMs: first.ms, median: sorted[Math.floor(sorted.length / 2)]!, p95: sorted[Math.floor(sorted.length * 0.95)]!, totalBytes, results: run.results });
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}

/**
 * Cold payload of each query on its own (empty cache) for the sharded design, from the files it
 * fetches (gzip): the data only, the engine chunk comes on top. Median, p95 and max over the set.
 */
async function shardedColdPayloads(dir: string): Promise<{ median: number; p95: number; max: number; worst: string }> {
  const parsed = new Map<string, unknown>();
  const gzipped = new Map<string, number>();
  const file = (p: string) => {
    if (!parsed.has(p)) {
      const raw = readFileSync(join(dir, 'sharded', p));
      parsed.set(p, JSON.parse(raw.toString('utf8')));
      gzipped.set(p, gzipSync(raw).length);
    }
    return parsed.get(p);
  };
  const sizes: Array<[number, string]> = [];
  for (const { query } of QUERIES) {
    const touched = new Set<string>();
    const index = new ShardedIndex(async (p) => {
      touched.add(p);
      return file(p);
    });
    await index.search(query, 10);
    sizes.push([[...touched].reduce((sum, p) => sum + gzipped.get(p)!, 0), query]);
  }
  sizes.sort((a, b) => a[0] - b[0]);
  return { median: sizes[Math.floor(sizes.length / 2)]![0], p95: sizes[Math.floor(sizes.length * 0.95)]![0], max: sizes.at(-1)![0], worst: sizes.at(-1)![1] };
}

const DESIGN_NAMES: Record<string, string> = {
  minisearch: 'MiniSearch, as shipped (one file)',
  sharded: 'Sharded (term prefix)',
  pagefind: 'Pagefind + identifier fix',
  'pagefind-raw': 'Pagefind, as is',
};

console.log(`${QUERIES.length} queries; Chromium (headless), gzip from 127.0.0.1; first query = ${JSON.stringify(QUERIES[0]!.query)}.\n`);
console.log(`${'tree'.padEnd(18)} ${'design'.padEnd(34)} ${'build'.padStart(8)} ${'1st-query payload'.padStart(18)} ${'1st query'.padStart(10)} ${'median'.padStart(8)} ${'p95'.padStart(8)} ${'all 288: bytes'.padStart(15)}  quality (top-1 / top-3, tuning | holdout)`);
const trees: Array<[string, () => string]> = [
  ['shipped', () => ROOT],
  ...SIZES.map((n) => [`${n.toLocaleString('en')} docs`, () => {
    const dir = join(WORK, `tree-${n}`);
    rmSync(dir, { recursive: true, force: true });
    generateTree(dir, n);
    return dir;
  }] as [string, () => string]),
];
for (const [name, root] of trees) {
  const docs = shippedSearchDocuments(root());
  const shipped = name === 'shipped';
  const { dir, times } = await buildSite(name.replace(/\W+/g, '-'), docs, shipped);
  const measured = await measure(dir, ['minisearch', 'sharded', 'pagefind', ...(shipped ? ['pagefind-raw'] : [])]);
  const perCategory: string[] = [];
  for (const m of measured) {
    let quality = '';
    if (shipped) {
      const byQuery = new Map(QUERIES.map((q, i) => [q.query, m.results[i]!]));
      const { tuning, holdout } = evaluate((q) => byQuery.get(q) ?? []).byHalf;
      // Both halves together: the designs' own difference, not tuning.
      const all = evaluate((q) => byQuery.get(q) ?? []).byHalf;
      perCategory.push(`${DESIGN_NAMES[m.design]!.padEnd(34)} ${CATEGORIES.map((c) => `${c} ${percent(all.tuning.byCategory[c].top3 + all.holdout.byCategory[c].top3, all.tuning.byCategory[c].queries + all.holdout.byCategory[c].queries)}`).join(', ')}`);
      quality = `${percent(tuning.total.top1, tuning.total.queries)} / ${percent(tuning.total.top3, tuning.total.queries)} | ${percent(holdout.total.top1, holdout.total.queries)} / ${percent(holdout.total.top3, holdout.total.queries)}`;
    }
    console.log(
      `${`${name} (${docs.length})`.padEnd(18)} ${DESIGN_NAMES[m.design]!.padEnd(34)} ${`${((times[m.design] ?? 0) / 1000).toFixed(1)} s`.padStart(8)} ${kb(m.firstBytes).padStart(18)} ${`${m.firstMs.toFixed(0)} ms`.padStart(10)} ${`${m.median.toFixed(1)} ms`.padStart(8)} ${`${m.p95.toFixed(1)} ms`.padStart(8)} ${kb(m.totalBytes).padStart(15)}  ${quality}`,
    );
  }
  const cold = await shardedColdPayloads(dir);
  console.log(`${''.padEnd(18)} sharded, each query alone from an empty cache (index data, gzip): median ${kb(cold.median)}, p95 ${kb(cold.p95)}, max ${kb(cold.max)} (${JSON.stringify(cold.worst)})`);
  if (perCategory.length > 0) console.log(`\n  top-3 per category on the shipped docs (both halves):\n${perCategory.map((l) => `  ${l}`).join('\n')}\n`);
}

