/**
 * Weight, Lighthouse scores and build cost of the site, side by side in one run with a bare
 * Docusaurus classic site built from the same docs (scripts/bench/bare-site.ts), so that both share
 * the machine's noise and the ratios mean something.
 *
 *   npm run bench:site [-- --no-build] [-- --runs 3] [-- --no-lighthouse] [-- --plain] [-- --json f]
 *   npm run bench:site -- --tree 1000 [-- --runs 1]
 *
 * Default mode, on the shipped docs:
 * - Builds both sites (ours into ./build, as `npm run build` does; the bare one into
 *   .cache/bench-site/bare/build), cold (no persistent bundler cache), under /usr/bin/time: wall
 *   time and peak resident memory. `--no-build` measures the builds already there.
 * - JS a page loads: every script of a first visit to the home page and to a runbook (empty cache,
 *   service worker blocked so that its background precache is not counted, no search use), gzip,
 *   until the network is idle one second after hydration: ours' idle prefetch of the search box
 *   (and, on the home page, of the search engine) is included.
 * - Ours only: what the first search loads (engine and index chunks), and the service worker's
 *   precache.
 * - Lighthouse (mobile emulation, simulated throttling), home and runbook, from a gzip server as
 *   GitHub Pages serves them (`--plain`: also uncompressed), `--runs` times (default 3), the two
 *   sites interleaved; the median and every run are printed.
 *
 * `--tree N`: N generated runbook-shaped docs (scripts/bench/generate-tree.ts, under
 * docs/runbooks/ so that our sidebar and navbar have a section), built by a copy of our site
 * (config, sidebars, src/, core/, static/ in .cache/bench-site/tree-N/) and by the bare site over the
 * same folder: build time and peak memory, with the ratios (target ≤ 1.2).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Response } from 'playwright-core';
import { serveStatic, type StaticServer } from '../../tests/e2e/serve.ts';
import type { DocIndexData } from '../../src/plugins/doc-index/index.ts';
import { BENCH_DIR, FASTER, ROOT, writeBareSite } from './bare-site.ts';
import { generateTree } from './generate-tree.ts';

const BASE_PATH = (process.env['BASE_URL']?.trim() || '/').replace(/\/?$/, '/');
const CHROME = process.env['CHROME_PATH']?.trim() || process.env['CHROMIUM_PATH']?.trim() || '/usr/bin/chromium';
const DOCUSAURUS = join(ROOT, 'node_modules', '@docusaurus', 'core', 'bin', 'docusaurus.mjs');
const { values } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    'no-lighthouse': { type: 'boolean', default: false },
    plain: { type: 'boolean', default: false },
    runs: { type: 'string' },
    tree: { type: 'string' },
    json: { type: 'string' },
  },
});

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '-');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const results: Record<string, unknown> = { faster: FASTER, loadAtStart: load() };

// --- Builds ------------------------------------------------------------------------------------

/** `cpuSeconds`: user + system CPU time, steadier than wall time on a shared machine. */
type BuildCost = { seconds: number; peakMiB: number; cpuSeconds: number };

/**
 * `docusaurus build` of `siteDir` under GNU time: wall seconds and the peak resident set of the
 * build process (Rspack and the SSG workers are threads of that process). Cold: no persistent
 * bundler cache, so that neither site profits from an earlier run.
 */
function build(siteDir: string, label: string): BuildCost {
  const out = join(BENCH_DIR, `time-${label}.txt`);
  mkdirSync(BENCH_DIR, { recursive: true });
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', '-o', out, process.execPath, DOCUSAURUS, 'build', siteDir], {
    cwd: siteDir,
    env: { ...process.env, DOCUSAURUS_NO_PERSISTENT_CACHE: 'true', NODE_ENV: 'production' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.error) throw new Error(`${label}: could not run /usr/bin/time (apt-get install -y time): ${run.error.message}`);
  if (run.status !== 0) {
    process.stderr.write(`${run.stdout}\n${run.stderr}\n`);
    throw new Error(`${label}: docusaurus build of ${siteDir} failed (exit ${run.status})`);
  }
  const [seconds = 'NaN', kib = 'NaN', user = 'NaN', sys = 'NaN'] = readFileSync(out, 'utf8').trim().split(/\s+/).slice(-4);
  return { seconds: Number(seconds), peakMiB: Number(kib) / 1024, cpuSeconds: Number(user) + Number(sys) };
}

function printBuilds(title: string, costs: { ours: BuildCost[]; bare: BuildCost[] }): void {
  const of = (side: BuildCost[]) => ({ seconds: median(side.map((c) => c.seconds)), peakMiB: median(side.map((c) => c.peakMiB)), cpuSeconds: median(side.map((c) => c.cpuSeconds)) });
  const ours = of(costs.ours);
  const bare = of(costs.bare);
  const runs = costs.ours.length > 1 ? `, median of ${costs.ours.length}` : '';
  console.log(`${title} (cold, @docusaurus/faster ${FASTER ? 'on' : 'off'} for both${runs}):`);
  console.log(`  ${''.padEnd(12)} ${'ours'.padStart(10)} ${'bare'.padStart(10)} ${'ratio'.padStart(8)}`);
  console.log(`  ${'time'.padEnd(12)} ${`${ours.seconds.toFixed(1)} s`.padStart(10)} ${`${bare.seconds.toFixed(1)} s`.padStart(10)} ${ratio(ours.seconds, bare.seconds).padStart(8)}`);
  console.log(`  ${'cpu (u+s)'.padEnd(12)} ${`${ours.cpuSeconds.toFixed(1)} s`.padStart(10)} ${`${bare.cpuSeconds.toFixed(1)} s`.padStart(10)} ${ratio(ours.cpuSeconds, bare.cpuSeconds).padStart(8)}`);
  console.log(
    `  ${'peak memory'.padEnd(12)} ${`${ours.peakMiB.toFixed(0)} MiB`.padStart(10)} ${`${bare.peakMiB.toFixed(0)} MiB`.padStart(10)} ${ratio(ours.peakMiB, bare.peakMiB).padStart(8)}`,
  );
  if (costs.ours.length > 1) {
    console.log(`  runs: ours ${costs.ours.map((c) => `${c.seconds.toFixed(1)} s/${c.peakMiB.toFixed(0)} MiB`).join(', ')}`);
    console.log(`        bare ${costs.bare.map((c) => `${c.seconds.toFixed(1)} s/${c.peakMiB.toFixed(0)} MiB`).join(', ')}`);
  }
}

/** Builds ours and bare `runs` times, interleaved. */
function buildBoth(oursDir: string, bareDir: string, runs: number): { ours: BuildCost[]; bare: BuildCost[] } {
  const costs = { ours: [] as BuildCost[], bare: [] as BuildCost[] };
  for (let i = 0; i < runs; i++) {
    costs.ours.push(build(oursDir, 'ours'));
    costs.bare.push(build(bareDir, 'bare'));
  }
  return costs;
}

// --- --tree N: build cost on a generated tree -------------------------------------------------

/** Our site (everything its build reads) over a generated docs tree, in `dir`. */
function writeOurSite(dir: string, count: number): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const file of ['docusaurus.config.ts', 'sidebars.ts', 'package.json', 'tsconfig.json']) cpSync(join(ROOT, file), join(dir, file));
  for (const folder of ['src', 'core', 'static']) cpSync(join(ROOT, folder), join(dir, folder), { recursive: true });
  // The tree's sections go under docs/runbooks/, a section of our sidebar (links between pages are
  // relative, so they still resolve); the search synonyms are read from docs/ by the search index.
  const staging = join(dir, '.tree');
  generateTree(staging, count);
  mkdirSync(join(dir, 'docs', 'runbooks'), { recursive: true });
  for (const entry of readdirSync(join(staging, 'docs'))) {
    renameSync(join(staging, 'docs', entry), entry.startsWith('section-') ? join(dir, 'docs', 'runbooks', entry) : join(dir, 'docs', entry));
  }
  rmSync(staging, { recursive: true, force: true });
  cpSync(join(ROOT, 'docs', 'search-synonyms.yml'), join(dir, 'docs', 'search-synonyms.yml'));
}

if (values.tree !== undefined) {
  const count = Number(values.tree);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--tree takes a number of docs, not "${values.tree}"`);
  const runs = Number(values.runs ?? '1');
  const oursDir = join(BENCH_DIR, `tree-${count}`);
  writeOurSite(oursDir, count);
  const bareDir = writeBareSite(join(BENCH_DIR, `bare-tree-${count}`), join(oursDir, 'docs'));
  console.log(`Load average at start: ${load()}`);
  const costs = buildBoth(oursDir, bareDir, runs);
  results['tree'] = { docs: count, ...costs };
  printBuilds(`Build of ${count} generated docs`, costs);
  console.log(`Load average at end: ${load()}`);
  finish();
  process.exit(0);
}

// --- Default mode: the shipped docs -----------------------------------------------------------

const OURS_BUILD = join(ROOT, 'build');
const BARE_DIR = join(BENCH_DIR, 'bare');
const BARE_BUILD = join(BARE_DIR, 'build');
console.log(`Load average at start: ${load()}`);
if (!values['no-build']) {
  writeBareSite(BARE_DIR, join(ROOT, 'docs'));
  const costs = buildBoth(ROOT, BARE_DIR, 1);
  results['build'] = costs;
  printBuilds('Build of the shipped docs', costs);
} else if (!existsSync(join(BARE_BUILD, 'index.html'))) {
  throw new Error(`--no-build: no bare build in ${BARE_BUILD}; run once without --no-build.`);
}

const index = JSON.parse(readFileSync(join(OURS_BUILD, 'doc-index.json'), 'utf8')) as DocIndexData;
const runbook = index.entries.find((e) => e.type === 'runbook' && e.runbook_id) ?? index.entries.find((e) => e.type === 'runbook');
if (!runbook) throw new Error('No runbook in build/doc-index.json: run `npm run build` first.');
results['runbook'] = runbook.permalink;

const SITES = { ours: OURS_BUILD, bare: BARE_BUILD } as const;
type Site = keyof typeof SITES;
const PAGES = { home: BASE_PATH, runbook: runbook.permalink } as const;
type PageName = keyof typeof PAGES;

const servers: Record<Site, { plain: StaticServer; gzip: StaticServer }> = {
  ours: { plain: await serveStatic(OURS_BUILD, BASE_PATH), gzip: await serveStatic(OURS_BUILD, BASE_PATH, { gzip: true }) },
  bare: { plain: await serveStatic(BARE_BUILD, BASE_PATH), gzip: await serveStatic(BARE_BUILD, BASE_PATH, { gzip: true }) },
};

type Script = { url: string; file: string; gzipBytes: number };
type PageJs = { scripts: number; gzipBytes: number; files: { file: string; gzipBytes: number }[] };
const js: Record<Site, Record<PageName, PageJs>> = { ours: {} as Record<PageName, PageJs>, bare: {} as Record<PageName, PageJs> };

try {
  // --- JS weight of each page, and ours' search ------------------------------------------------
  const browser = await chromium.launch({ executablePath: CHROME, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    for (const site of Object.keys(SITES) as Site[]) {
      const build = SITES[site];
      /** The built file behind a served URL (scripts are real files under assets/). */
      const fileOf = (url: string) => join(build, new URL(url).pathname.slice(BASE_PATH.length));
      for (const name of Object.keys(PAGES) as PageName[]) {
        const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const scripts: Script[] = [];
        page.on('response', (response: Response) => {
          if (response.request().resourceType() !== 'script' || response.status() !== 200) return;
          const file = fileOf(response.url());
          scripts.push({ url: response.url(), file: file.slice(ROOT.length + 1), gzipBytes: gzipSync(readFileSync(file), { level: 9 }).length });
        });
        await page.goto(`${servers[site].plain.url}${PAGES[name]}`, { waitUntil: 'networkidle' });
        await page.locator('html[data-has-hydrated="true"]').waitFor({ state: 'attached' });
        await page.waitForTimeout(1000);
        const loaded = [...scripts];
        js[site][name] = {
          scripts: loaded.length,
          gzipBytes: loaded.reduce((sum, s) => sum + s.gzipBytes, 0),
          files: loaded.map(({ file, gzipBytes }) => ({ file, gzipBytes })).sort((a, b) => b.gzipBytes - a.gzipBytes),
        };

        if (site === 'ours' && name === 'runbook') {
          // First search use: Ctrl+K loads the engine and the index chunks.
          await page.keyboard.press('Control+k');
          await page.getByRole('dialog', { name: 'Search the handbook' }).getByRole('combobox').fill('crashloop');
          await page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first().waitFor();
          await page.waitForLoadState('networkidle');
          const search = scripts.slice(loaded.length);
          results['firstSearch'] = {
            scripts: search.length,
            gzipBytes: search.reduce((sum, s) => sum + s.gzipBytes, 0),
            files: search.map(({ file, gzipBytes }) => ({ file, gzipBytes })).sort((a, b) => b.gzipBytes - a.gzipBytes),
          };
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  results['js'] = js;

  // --- What ours' service worker precaches ------------------------------------------------------
  const sw = readFileSync(join(OURS_BUILD, 'sw.js'), 'utf8');
  const urls = [...sw.matchAll(/"?url"?:"([^"]+)"/g)].map((m) => m[1] ?? '');
  let precacheBytes = 0;
  for (const url of urls) {
    const file = join(OURS_BUILD, url);
    // `docs/x` is precached from `docs/x.html`.
    const found = [file, `${file}.html`].find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
    if (found) precacheBytes += readFileSync(found).length;
  }
  results['precache'] = { entries: urls.length, rawBytes: precacheBytes };

  // --- Lighthouse ------------------------------------------------------------------------------
  if (!values['no-lighthouse']) results['lighthouse'] = await runLighthouse(Number(values.runs ?? '3'));
} finally {
  for (const site of Object.values(servers)) {
    await site.plain.close();
    await site.gzip.close();
  }
}

type Audit = { performance: number; fcp: number; lcp: number; tbt: number; si: number; cls: number };
type LighthouseRuns = Record<string, Record<Site, Audit[]>>;

async function runLighthouse(runs: number): Promise<{ runs: LighthouseRuns; failing: Record<string, string[]> }> {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  const all: LighthouseRuns = {};
  const failing: Record<string, string[]> = {};
  const encodings = values.plain ? (['gzip', 'plain'] as const) : (['gzip'] as const);
  try {
    for (let run = 0; run < runs; run++) {
      for (const encoding of encodings) {
        for (const name of Object.keys(PAGES) as PageName[]) {
          const key = encoding === 'gzip' ? name : `${name} (uncompressed)`;
          // Interleaved, so that a burst of load on the machine hits both sites alike.
          for (const site of Object.keys(SITES) as Site[]) {
            const result = await lighthouse(`${servers[site][encoding].url}${PAGES[name]}`, {
              port: chrome.port,
              output: 'json',
              logLevel: 'error',
              onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
            });
            if (!result) throw new Error(`Lighthouse returned nothing for ${site} ${name}`);
            const { categories, audits } = result.lhr;
            const value = (id: string) => audits[id]?.numericValue ?? NaN;
            ((all[key] ??= { ours: [], bare: [] })[site]).push({
              performance: Math.round((categories['performance']?.score ?? 0) * 100),
              fcp: value('first-contentful-paint'),
              lcp: value('largest-contentful-paint'),
              tbt: value('total-blocking-time'),
              si: value('speed-index'),
              cls: value('cumulative-layout-shift'),
            });
            if (site === 'ours' && run === 0) {
              // Every category but performance should be perfect: list what is not.
              const issues = (['accessibility', 'best-practices', 'seo'] as const).flatMap((id) =>
                (categories[id]?.auditRefs ?? [])
                  .filter((ref) => ref.weight > 0 && audits[ref.id]?.score !== null && (audits[ref.id]?.score ?? 1) < 1)
                  .map((ref) => `${id}/${ref.id}: ${audits[ref.id]?.title ?? ''}`),
              );
              if (issues.length > 0) failing[key] = issues;
            }
          }
        }
      }
    }
  } finally {
    chrome.kill();
  }
  return { runs: all, failing };
}

// --- Report ----------------------------------------------------------------------------------
console.log(`JS a first visit loads (gzip, no search, idle prefetch included; runbook ${runbook.permalink}):`);
console.log(`  ${''.padEnd(8)} ${'ours'.padStart(22)} ${'bare'.padStart(22)} ${'ratio'.padStart(7)}`);
for (const name of Object.keys(PAGES) as PageName[]) {
  const [o, b] = [js.ours[name], js.bare[name]];
  const cell = (p: PageJs) => `${kb(p.gzipBytes)} (${p.scripts} files)`;
  console.log(`  ${name.padEnd(8)} ${cell(o).padStart(22)} ${cell(b).padStart(22)} ${ratio(o.gzipBytes, b.gzipBytes).padStart(7)}`);
}
// Mermaid's chunks carry its config key; no page without a diagram should load one.
const mermaid = (Object.keys(PAGES) as PageName[]).flatMap((name) =>
  js.ours[name].files.filter((f) => readFileSync(join(ROOT, f.file), 'utf8').includes('securityLevel')).map((f) => `${name}: ${f.file}`),
);
console.log(`Mermaid chunks loaded (ours, pages without a diagram): ${mermaid.length === 0 ? 'none' : mermaid.join(', ')}`);
const search = results['firstSearch'] as PageJs | undefined;
if (search) console.log(`First search (ours): ${search.scripts} chunks, ${kb(search.gzipBytes)} gzip (engine and index files the query needs)`);
const precache = results['precache'] as { entries: number; rawBytes: number };
console.log(`Service worker precache (ours): ${precache.entries} entries, ${kb(precache.rawBytes)} raw (downloaded once, in the background)`);
const lh = results['lighthouse'] as { runs: LighthouseRuns; failing: Record<string, string[]> } | undefined;
if (lh) {
  const runs = Object.values(lh.runs)[0]?.ours.length ?? 0;
  console.log(`Lighthouse performance (mobile, simulated throttling, gzip server${runs > 1 ? `, median of ${runs}` : ''}):`);
  console.log(`  ${''.padEnd(22)} ${'ours'.padStart(16)} ${'bare'.padStart(16)}   ours: FCP / LCP / TBT (ms), bare: FCP / LCP / TBT`);
  for (const [name, bySite] of Object.entries(lh.runs)) {
    const cell = (audits: Audit[]) => `${median(audits.map((a) => a.performance))}${audits.length > 1 ? ` (${audits.map((a) => a.performance).join(' ')})` : ''}`;
    const metrics = (audits: Audit[]) => (['fcp', 'lcp', 'tbt'] as const).map((m) => median(audits.map((a) => a[m])).toFixed(0)).join(' / ');
    console.log(`  ${name.padEnd(22)} ${cell(bySite.ours).padStart(16)} ${cell(bySite.bare).padStart(16)}   ${metrics(bySite.ours)}; ${metrics(bySite.bare)}`);
  }
  for (const [name, issues] of Object.entries(lh.failing)) console.log(`  failing on ours, ${name}: ${issues.join('; ')}`);
}
console.log(`Load average at end: ${load()}`);
finish();

function finish(): void {
  results['loadAtEnd'] = load();
  if (!values.json) return;
  mkdirSync(dirname(values.json), { recursive: true });
  writeFileSync(values.json, `${JSON.stringify(results, null, 2)}\n`);
}
