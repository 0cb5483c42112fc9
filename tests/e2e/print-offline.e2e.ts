/**
 * Printing, offline use and colour-mode artefacts:
 * - every quick-reference card (`type: reference-card`) has a "Print this card" button and prints
 *   on exactly one A4 page (the PDFs are kept in test-results/print/);
 * - after one visit the service worker serves the site with the network down: a runbook never
 *   opened before renders, and the search finds a runbook;
 * - screenshots of a runbook in light and in dark mode (test-results/runbook-light.png, -dark.png).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { DocIndexEntry } from '../../src/plugins/doc-index/index.ts';
import { BASE_PATH, launchBrowser, readDocIndex, resultsDir, type Browser } from './site.ts';

const origin = inject('origin');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function open(path: string, options: { colorScheme?: 'light' | 'dark'; target?: Browser } = {}): Promise<Page> {
  const page = await (options.target ?? browser).context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  if (options.colorScheme) await page.emulateMedia({ colorScheme: options.colorScheme });
  const response = await page.goto(`${origin}${path}`, { waitUntil: 'load' });
  expect(response?.status(), `HTTP status of ${path}`).toBe(200);
  await page.locator('html[data-has-hydrated="true"]').waitFor({ state: 'attached', timeout: 20_000 });
  expect(errors, `uncaught errors on ${path}`).toEqual([]);
  return page;
}

const entries = (type: string): DocIndexEntry[] => readDocIndex().entries.filter((e) => e.type === type);

/** Pages of a PDF: its `/Type /Page` objects (not the `/Type /Pages` tree nodes). */
export const pdfPageCount = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;

describe('quick-reference cards print on one A4 page each', () => {
  const cards = entries('reference-card');

  test('there are cards to print', () => {
    expect(cards.length, 'no `type: reference-card` page in build/doc-index.json').toBeGreaterThan(0);
  });

  test.each(cards.map((card) => [card.source, card] as const))('%s', async (_source, card) => {
    const page = await open(card.permalink);
    const button = page.getByRole('button', { name: 'Print this card' });
    await button.waitFor({ state: 'visible' });

    await page.emulateMedia({ media: 'print' });
    expect(await button.isVisible(), 'the button is not printed').toBe(false);
    for (const chrome of ['.navbar', '.footer', '.theme-doc-sidebar-container', '.pagination-nav', '.theme-doc-footer']) {
      const el = page.locator(chrome).first();
      if ((await el.count()) > 0) expect(await el.isVisible(), `${chrome} is hidden in print`).toBe(false);
    }
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    const dir = join(await resultsDir(), 'print');
    await mkdir(dir, { recursive: true });
    const name = card.source.replace(/^.*\//, '').replace(/\.mdx?$/, '.pdf');
    await writeFile(join(dir, name), pdf);
    expect(pdfPageCount(pdf), `${card.source} printed on A4 (see test-results/print/${name})`).toBe(1);
    await page.close();
  });
});

describe('offline after one visit', () => {
  test('a runbook never opened renders with the network down, and the search finds a runbook', async () => {
    // A profile of its own: nothing cached but what this one visit caches.
    const fresh = await launchBrowser();
    try {
      const home = await open(BASE_PATH, { target: fresh });
      // Not while the page loads and the reader has done nothing: the reader's first scroll
      // registers the service worker (src/pwa/register-when-idle.ts). It installs (precaching
      // every page and chunk), then activates.
      await home.waitForTimeout(1500);
      expect(await home.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 'registrations before any interaction').toBe(0);
      await home.mouse.wheel(0, 300);
      await home.evaluate(async () => {
        const worker = (await navigator.serviceWorker.ready).active;
        if (worker && worker.state !== 'activated') {
          await new Promise<void>((resolve) => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()));
        }
      });
      const precached = await home.evaluate(async () => {
        const names = await caches.keys();
        let count = 0;
        for (const name of names) count += (await (await caches.open(name)).keys()).length;
        return count;
      });
      expect(precached, 'pages and chunks in the precache').toBeGreaterThan(readDocIndex().entries.length);

      const runbooks = entries('runbook');
      const runbook = runbooks.find((e) => e.runbook_id) ?? runbooks[0];
      if (!runbook) throw new Error('No runbook in build/doc-index.json.');
      const other = runbooks.find((e) => e !== runbook && e.runbook_id);

      await fresh.context.setOffline(true);
      const page = await fresh.context.newPage();
      page.setDefaultTimeout(15_000);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const response = await page.goto(`${origin}${runbook.permalink}`, { waitUntil: 'load' });
      expect(response?.status(), 'served by the service worker').toBe(200);
      // The network is really down: what the service worker does not have fails.
      const probe = await page.evaluate(async (base) => {
        try {
          await fetch(`${base}offline-probe-${Date.now()}`);
          return 'reached the server';
        } catch {
          return 'network error';
        }
      }, BASE_PATH);
      expect(probe).toBe('network error');
      await page.locator('html[data-has-hydrated="true"]').waitFor({ state: 'attached', timeout: 20_000 });
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(runbook.title.split(':')[0]);
      expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'page controlled by the service worker').toBe(true);

      // The navbar search loads its index chunk from the precache.
      const target = other ?? runbook;
      await page.keyboard.press('Control+k');
      const box = page.getByRole('dialog', { name: 'Search the handbook' }).getByRole('combobox');
      await box.waitFor({ state: 'visible' });
      await box.fill(target.runbook_id ?? target.title);
      const hit = page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first();
      await expect.poll(() => hit.textContent(), { timeout: 15_000 }).toContain(target.title);
      await hit.click();
      await page.waitForURL(`${origin}${target.permalink}`);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(target.title.split(':')[0]);
      expect(errors, 'uncaught errors offline').toEqual([]);
      await fresh.context.setOffline(false);
    } finally {
      await fresh.close();
    }
  });
});

describe('offline without a click', () => {
  test('a reader who neither clicks nor scrolls still gets the service worker, 10 s after the page loaded', async () => {
    const fresh = await launchBrowser();
    const registrations = (page: Page) => page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length);
    try {
      const page = await open(BASE_PATH, { target: fresh });
      await page.waitForTimeout(5000);
      expect(await registrations(page), 'registrations 5 s after the load, without any interaction').toBe(0);
      await expect.poll(() => registrations(page), { timeout: 20_000, interval: 500 }).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});

describe('colour mode screenshots', () => {
  test('a runbook in light and in dark mode (test-results/runbook-light.png, runbook-dark.png)', async () => {
    const runbook = entries('runbook').find((e) => e.runbook_id);
    if (!runbook) throw new Error('No runbook in build/doc-index.json.');
    for (const scheme of ['light', 'dark'] as const) {
      const page = await open(runbook.permalink, { colorScheme: scheme });
      expect(await page.locator('html').getAttribute('data-theme')).toBe(scheme);
      await page.screenshot({ path: join(await resultsDir(), `runbook-${scheme}.png`), fullPage: false });
      await page.close();
    }
  });
});
