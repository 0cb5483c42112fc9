/**
 * Accessibility in both colour modes, checked by axe-core (the engine Lighthouse's accessibility
 * score uses) against WCAG 2.x A and AA: readable contrast, labelled controls, heading order,
 * landmarks. Pages: the home page, the runbook index, a runbook (header, placeholders form, code
 * blocks), a checklist, a quick-reference card, and the open search dialog with results.
 *
 * A failure lists each violation with the selector of the offending element and axe's summary, so
 * the fix is findable without re-running anything.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { BASE_PATH, launchBrowser, readDocIndex, type Browser } from './site.ts';

const origin = inject('origin');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] };

async function audit(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's Content-Security-Policy refuses an injected <script>.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations;
  });
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} at ${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.replace(/\s+/g, ' ')})` : ''}`),
  );
}

async function open(path: string, scheme: 'light' | 'dark'): Promise<Page> {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
  const response = await page.goto(`${origin}${path}`, { waitUntil: 'load' });
  expect(response?.status(), `HTTP status of ${path}`).toBe(200);
  await page.locator('html[data-has-hydrated="true"]').waitFor({ state: 'attached', timeout: 20_000 });
  expect(await page.locator('html').getAttribute('data-theme'), 'colour mode follows the system').toBe(scheme);
  return page;
}

const index = readDocIndex();
const first = (type: string) => index.entries.find((e) => e.type === type && (type !== 'runbook' || e.runbook_id));
const pages: [string, string][] = [
  ['home page', BASE_PATH],
  ['runbook index', `${BASE_PATH}runbooks`],
  ...(['runbook', 'checklist', 'reference-card', 'troubleshooting'] as const).map((type): [string, string] => {
    const entry = first(type);
    if (!entry) throw new Error(`No ${type} page in build/doc-index.json.`);
    return [`${type} (${entry.source})`, entry.permalink];
  }),
];

describe.each(['light', 'dark'] as const)('%s mode: no WCAG A/AA violations', (scheme) => {
  test.each(pages)('%s', async (_name, path) => {
    const page = await open(path, scheme);
    // Wait for what renders after hydration (Mermaid, the runbook header's catalog data).
    await page.waitForLoadState('networkidle');
    expect(await audit(page)).toEqual([]);
    await page.close();
  });

  test('the search dialog with results', async () => {
    const page = await open(BASE_PATH, scheme);
    await page.keyboard.press('Control+k');
    const box = page.getByRole('dialog', { name: 'Search the handbook' }).getByRole('combobox');
    await box.waitFor({ state: 'visible' });
    await box.fill('CrashLoopBackOff');
    await page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first().waitFor({ state: 'visible' });
    expect(await audit(page)).toEqual([]);
    await page.close();
  });
});
