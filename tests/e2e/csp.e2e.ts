/**
 * The Content-Security-Policy of the built site (src/plugins/csp): every page carries one, the site's
 * own scripts run under it (search, placeholders, checklists, offline: here and in the other browser
 * tests, which all run against the same build), and a script injected into a page does not run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { inlineScriptHashes } from '../../src/plugins/csp/index.ts';
import { BASE_PATH, BUILD_DIR, CHROMIUM_ARGS, launchBrowser, readDocIndex, type Browser } from './site.ts';

const origin = inject('origin');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const htmlFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : []));

/** Records every CSP violation of the page (before any of its scripts run) in `window.__cspViolations`. */
async function watchViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

async function hydrated(page: Page): Promise<void> {
  await page.locator('html[data-has-hydrated="true"]').waitFor({ state: 'attached', timeout: 20_000 });
}

async function searchWorks(page: Page, query: string, expected: string): Promise<void> {
  await page.keyboard.press('Control+k');
  const box = page.getByRole('dialog', { name: 'Search the handbook' }).getByRole('combobox');
  await box.waitFor({ state: 'visible' });
  await box.fill(query);
  const hit = page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first();
  await expect.poll(() => hit.textContent(), { timeout: 15_000 }).toContain(expected);
}

describe('Content-Security-Policy', () => {
  test('every built page has one policy, before any script, allowing only its own inline scripts by hash', () => {
    const files = htmlFiles(BUILD_DIR);
    expect(files.length).toBeGreaterThan(readDocIndex().entries.length);
    for (const file of files) {
      const html = readFileSync(file, 'utf8');
      const name = relative(BUILD_DIR, file);
      const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)];
      expect(metas, name).toHaveLength(1);
      const policy = metas[0]![1]!;
      expect(policy, name).not.toContain('unsafe-inline');
      expect(policy, name).not.toContain('unsafe-eval');
      expect(policy, name).toMatch(/(^|; )script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')*;/);
      expect(policy, name).toContain("object-src 'none'");
      expect(policy, name).toContain("base-uri 'self'");
      for (const hash of inlineScriptHashes(html)) expect(policy, `${name}: ${hash}`).toContain(hash);
      const firstScript = html.search(/<script\b/);
      if (firstScript >= 0) expect(metas[0]!.index!, `${name}: the policy comes before the first script`).toBeLessThan(firstScript);
    }
  });

  test("the site's own pages run under it without a single violation", async () => {
    const index = readDocIndex().entries;
    const runbook = index.find((e) => e.type === 'runbook' && e.runbook_id)!;
    const checklist = index.find((e) => e.type === 'checklist') ?? runbook;
    for (const path of [BASE_PATH, runbook.permalink, checklist.permalink, `${BASE_PATH}search`]) {
      const page = await browser.context.newPage();
      await watchViolations(page);
      await page.goto(`${origin}${path}`, { waitUntil: 'load' });
      await hydrated(page);
      expect(await violations(page), path).toEqual([]);
      await page.close();
    }
  });

  test('a script injected into a built page does not run (inline, handler, javascript: URL, third-party), and the page still works', async () => {
    const runbook = readDocIndex().entries.find((e) => e.type === 'runbook' && e.runbook_id)!;
    // A browser of its own with service workers blocked, so that every load of the page goes through the route.
    const own = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH']?.trim() || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    const fresh = { context: await own.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 900 } }), close: () => own.close() };
    try {
      const page = await fresh.context.newPage();
      page.setDefaultTimeout(15_000);
      await watchViolations(page);
      await page.route(`${origin}${runbook.permalink}`, async (route) => {
        const response = await route.fetch();
        const injected = (await response.text()).replace(
          '</body>',
          '<script>window.__injected = "inline";</script>' +
            '<script src="https://cdn.evil.example.com/steal.js"></script>' +
            '<img src="/no-such-image.png" onerror="window.__injected = \'handler\'">' +
            '<a id="__evil" href="javascript:void(window.__injected=\'link\')">x</a></body>',
        );
        await route.fulfill({ response, body: injected });
      });
      await page.goto(`${origin}${runbook.permalink}`, { waitUntil: 'load' });
      await hydrated(page);
      await page.evaluate(() => (document.getElementById('__evil') as HTMLAnchorElement | null)?.click());
      await page.waitForTimeout(500);
      expect(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected)).toBeUndefined();
      const seen = (await violations(page)).join('\n');
      expect(seen).toMatch(/script-src-elem inline/);
      expect(seen).toMatch(/script-src-elem https:\/\/cdn\.evil\.example\.com/);
      expect(seen).toMatch(/script-src-attr inline/);
      // The page's own scripts still run: it hydrated, and the search finds a runbook.
      await searchWorks(page, runbook.runbook_id!, runbook.title);
    } finally {
      await fresh.close();
    }
  });
});
