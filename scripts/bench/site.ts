/**
 * Weight and Lighthouse scores of the built site (`npm run build` first), served from ./build on
 * 127.0.0.1 by the browser tests' static server (no compression, so "transferred" = raw bytes;
 * gzip sizes are computed from the files).
 *
 * - JS a runbook page loads: every script response of a first visit (empty cache, service worker
 *   blocked so that its background precache is not counted), before any search use.
 * - The search index chunk (what the first search fetches): raw and gzip.
 * - The service worker's precache (what a first visit downloads in the background to work offline).
 * - Lighthouse (default: mobile emulation, simulated throttling) for the home page and a runbook:
 *   performance, accessibility, best practices, SEO; the failing accessibility audits are listed.
 *   Twice: from the uncompressed server, and from a gzip one (what GitHub Pages serves), because
 *   simulated throttling charges transferred bytes.
 *
 *   npm run bench:site [-- --no-lighthouse] [-- --json test-results/bench-site.json]
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Response } from 'playwright-core';
import { serveStatic } from '../../tests/e2e/serve.ts';
import type { DocIndexData } from '../../src/plugins/doc-index/index.ts';

const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const BUILD = join(ROOT, 'build');
const BASE_PATH = (process.env['BASE_URL']?.trim() || '/').replace(/\/?$/, '/');
const CHROME = process.env['CHROME_PATH']?.trim() || process.env['CHROMIUM_PATH']?.trim() || '/usr/bin/chromium';
const { values } = parseArgs({ options: { 'no-lighthouse': { type: 'boolean', default: false }, json: { type: 'string' } } });

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const gzip = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
/** The built file behind a served URL (scripts only: they are real files under assets/). */
const fileOf = (url: string) => join(BUILD, new URL(url).pathname.slice(BASE_PATH.length));

const index = JSON.parse(readFileSync(join(BUILD, 'doc-index.json'), 'utf8')) as DocIndexData;
const runbook = index.entries.find((e) => e.type === 'runbook' && e.runbook_id) ?? index.entries.find((e) => e.type === 'runbook');
if (!runbook) throw new Error('No runbook in build/doc-index.json: run `npm run build` first.');

const server = await serveStatic(BUILD, BASE_PATH);
const gzipServer = await serveStatic(BUILD, BASE_PATH, { gzip: true });
const results: Record<string, unknown> = { runbook: runbook.permalink };
try {
  // --- JS weight of a runbook page, and the search index chunk ---------------------------------
  const browser = await chromium.launch({ executablePath: CHROME, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const scripts: { url: string; bytes: number }[] = [];
    const track = async (response: Response) => {
      if (response.request().resourceType() !== 'script') return;
      const sizes = await response.request().sizes();
      scripts.push({ url: response.url(), bytes: sizes.responseBodySize + sizes.responseHeadersSize });
    };
    page.on('response', (response) => void track(response));
    await page.goto(`${server.url}${runbook.permalink}`, { waitUntil: 'networkidle' });
    await page.locator('html[data-has-hydrated="true"]').waitFor({ state: 'attached' });
    await page.waitForTimeout(500);
    const pageScripts = [...scripts];
    const pageGzip = pageScripts.reduce((sum, s) => sum + gzip(fileOf(s.url)), 0);
    const pageBytes = pageScripts.reduce((sum, s) => sum + s.bytes, 0);

    // First search use: Ctrl+K loads the engine and the index chunks.
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog', { name: 'Search the handbook' }).getByRole('combobox').fill('crashloop');
    await page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first().waitFor();
    await page.waitForLoadState('networkidle');
    const searchScripts = scripts.slice(pageScripts.length).sort((a, b) => b.bytes - a.bytes);
    const indexChunk = searchScripts[0];
    if (!indexChunk) throw new Error('The search loaded no chunk.');
    const indexFile = fileOf(indexChunk.url);
    results['runbookPageJs'] = { scripts: pageScripts.length, transferredBytes: pageBytes, gzipBytes: pageGzip };
    results['searchIndexChunk'] = {
      file: indexFile.slice(ROOT.length + 1),
      rawBytes: readFileSync(indexFile).length,
      gzipBytes: gzip(indexFile),
      otherSearchChunks: searchScripts.slice(1).map((s) => ({ file: fileOf(s.url).slice(ROOT.length + 1), rawBytes: s.bytes })),
    };
    await context.close();
  } finally {
    await browser.close();
  }

  // --- What the service worker precaches ------------------------------------------------------
  const sw = readFileSync(join(BUILD, 'sw.js'), 'utf8');
  const urls = [...sw.matchAll(/"?url"?:"([^"]+)"/g)].map((m) => m[1] ?? '');
  let precacheBytes = 0;
  for (const url of urls) {
    const file = join(BUILD, url);
    for (const candidate of [file, `${file}.html`]) {
      try {
        precacheBytes += readFileSync(candidate).length;
        break;
      } catch {
        // `docs/x` is precached from `docs/x.html`.
      }
    }
  }
  results['precache'] = { entries: urls.length, rawBytes: precacheBytes };

  // --- Lighthouse ------------------------------------------------------------------------------
  if (!values['no-lighthouse']) {
    const { default: lighthouse } = await import('lighthouse');
    const chromeLauncher = await import('chrome-launcher');
    const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
    const scores: Record<string, Record<string, number | null>> = {};
    const a11yIssues: Record<string, string[]> = {};
    try {
      const targets = [
        ['home', server.url, BASE_PATH],
        ['runbook', server.url, runbook.permalink],
        ['home (gzip)', gzipServer.url, BASE_PATH],
        ['runbook (gzip)', gzipServer.url, runbook.permalink],
      ] as const;
      for (const [name, origin, path] of targets) {
        const result = await lighthouse(`${origin}${path}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
        });
        if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
        const { categories, audits } = result.lhr;
        scores[name] = Object.fromEntries(
          Object.entries(categories).map(([id, category]) => [id, category.score === null ? null : Math.round(category.score * 100)]),
        );
        a11yIssues[name] = (categories['accessibility']?.auditRefs ?? [])
          .filter((ref) => ref.weight > 0 && audits[ref.id]?.score !== null && (audits[ref.id]?.score ?? 1) < 1)
          .map((ref) => `${ref.id}: ${audits[ref.id]?.title ?? ''}`);
        const seo = (categories['seo']?.auditRefs ?? []).filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1);
        if (seo.length > 0) a11yIssues[`${name} (seo)`] = seo.map((ref) => `${ref.id}: ${audits[ref.id]?.title ?? ''}`);
        const bp = (categories['best-practices']?.auditRefs ?? []).filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1);
        if (bp.length > 0) a11yIssues[`${name} (best practices)`] = bp.map((ref) => `${ref.id}: ${audits[ref.id]?.title ?? ''}`);
      }
    } finally {
      chrome.kill();
    }
    results['lighthouse'] = { mode: 'mobile emulation, simulated throttling; local server uncompressed, and gzip like GitHub Pages', scores, failing: a11yIssues };
  }
} finally {
  await server.close();
  await gzipServer.close();
}

// --- Report ----------------------------------------------------------------------------------
const js = results['runbookPageJs'] as { scripts: number; transferredBytes: number; gzipBytes: number };
const chunk = results['searchIndexChunk'] as { file: string; rawBytes: number; gzipBytes: number };
const precache = results['precache'] as { entries: number; rawBytes: number };
console.log(`Runbook page ${runbook.permalink}, first visit, before any search:`);
console.log(`  JS: ${js.scripts} scripts, ${kb(js.transferredBytes)} transferred (uncompressed server), ${kb(js.gzipBytes)} gzip`);
console.log(`Search index chunk ${chunk.file}: ${kb(chunk.rawBytes)} raw, ${kb(chunk.gzipBytes)} gzip`);
console.log(`Service worker precache: ${precache.entries} entries, ${kb(precache.rawBytes)} raw (downloaded once, in the background)`);
const lh = results['lighthouse'] as { scores: Record<string, Record<string, number | null>>; failing: Record<string, string[]> } | undefined;
if (lh) {
  console.log('Lighthouse (mobile, simulated throttling):');
  for (const [name, score] of Object.entries(lh.scores)) {
    console.log(`  ${name.padEnd(15)} ${Object.entries(score).map(([k, v]) => `${k} ${v ?? '-'}`).join(' · ')}`);
  }
  for (const [name, issues] of Object.entries(lh.failing)) if (issues.length) console.log(`  failing on ${name}: ${issues.join('; ')}`);
}
if (values.json) {
  mkdirSync(dirname(values.json), { recursive: true });
  writeFileSync(values.json, `${JSON.stringify(results, null, 2)}\n`);
}
