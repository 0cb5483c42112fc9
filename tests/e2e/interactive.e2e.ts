/**
 * The interactive parts of doc pages: the placeholders form (values per tab, filled commands, the copy
 * button copies the filled command) and tickable checklists (saved per page, progress, reset).
 * Runs against `build/` (see global-setup.ts); test pages are picked from the docs' source.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { DocIndexEntry } from '../../src/plugins/doc-index/index.ts';
import { launchBrowser, readDocIndex, readDocs, type Browser, type SourceDoc } from './site.ts';

const origin = inject('origin');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
});

afterAll(async () => {
  await browser?.close();
});

/** React's hydration mismatch reports (recoverable errors are logged, not thrown). */
const HYDRATION = /hydrat|Minified React error #(418|419|422|423|425)/i;

/** Opens a page, fails on HTTP errors, uncaught errors and hydration mismatches, waits for hydration. */
async function open(path: string, page?: Page): Promise<Page> {
  const tab = page ?? (await browser.context.newPage());
  tab.setDefaultTimeout(15_000);
  const errors: string[] = [];
  tab.on('pageerror', (error) => errors.push(error.message));
  tab.on('console', (message) => {
    if (message.type() === 'error' && HYDRATION.test(message.text())) errors.push(message.text());
  });
  const response = await tab.goto(`${origin}${path}`, { waitUntil: 'load' });
  expect(response?.status(), `HTTP status of ${path}`).toBe(200);
  await tab.locator('html[data-has-hydrated="true"]').waitFor({ state: 'attached', timeout: 20_000 });
  expect(errors, `uncaught errors on ${path}`).toEqual([]);
  return tab;
}

function entryFor(source: string): DocIndexEntry {
  const entry = readDocIndex().entries.find((e) => e.source === source);
  if (!entry) throw new Error(`${source} is not in build/doc-index.json: is build/ older than the docs? Rebuild.`);
  return entry;
}

function runbook(id: string): SourceDoc {
  const found = readDocs('runbooks').find((doc) => doc.frontmatter['runbook_id'] === id);
  if (!found) throw new Error(`${id} is needed by these tests`);
  return found;
}

/** The code block (its container) whose text contains `fragment`. */
const codeBlock = (page: Page, fragment: string) => page.locator('div[class*="codeBlockContainer"]').filter({ hasText: fragment }).first();

describe('placeholders form', () => {
  test('fills the commands, the copy button copies the filled command, the value follows to the next page', async () => {
    const rb3 = runbook('RB-003');
    expect(rb3.body, 'RB-003 uses <namespace> in a bash block').toMatch(/```bash[\s\S]*?<namespace>[\s\S]*?```/);
    const page = await open(entryFor(rb3.source).permalink);
    const form = page.locator('form[data-placeholder-form]');
    expect(await form.count(), 'one form per page').toBe(1);
    // One labelled field per placeholder, with the Variables table's example as placeholder text.
    const namespace = form.getByLabel('namespace', { exact: true });
    expect(await namespace.getAttribute('placeholder')).toBe('e.g. production');
    expect(await form.getByLabel('pod-name', { exact: true }).count()).toBe(1);
    // Above the first command that uses a placeholder.
    const firstBlock = codeBlock(page, 'kubectl get pods');
    const [formTop, blockTop] = await Promise.all([form.boundingBox(), firstBlock.boundingBox()]);
    expect(formTop!.y).toBeLessThan(blockTop!.y);

    await namespace.fill('production');
    await expect.poll(() => firstBlock.locator('code').textContent()).toContain('kubectl get pods -n production -l app=<service>');
    // The filled value is highlighted; the unfilled placeholder stays as written.
    expect(await firstBlock.locator('span[class*="filled"]').allTextContents()).toEqual(['production']);

    await firstBlock.hover();
    await firstBlock.getByRole('button', { name: /copy code/i }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe('kubectl get pods -n production -l app=<service>');

    // Every block using the placeholder is filled, next to other filled ones.
    await form.getByLabel('pod-name', { exact: true }).fill('worker-blue-abc');
    const logs = codeBlock(page, '--previous');
    await expect.poll(() => logs.locator('code').textContent()).toContain('kubectl logs worker-blue-abc -n production --previous');

    // Same tab, another page using <namespace>: the value is there, in the field and the commands.
    const other = readDocs('runbooks').find(
      (doc) => doc.source !== rb3.source && doc.frontmatter['type'] === 'runbook' && /```bash\n[^`]*<namespace>/.test(doc.body),
    );
    expect(other, 'another runbook with <namespace> in a bash block').toBeTruthy();
    await open(entryFor(other!.source).permalink, page);
    const otherForm = page.locator('form[data-placeholder-form]');
    await expect.poll(() => otherForm.getByLabel('namespace', { exact: true }).inputValue()).toBe('production');
    const filled = page.locator('div[class*="codeBlockContainer"] span[class*="filled"]');
    await expect.poll(() => filled.count()).toBeGreaterThan(0);
    expect(await filled.allTextContents()).toContain('production');
    expect(await page.locator('code').filter({ hasText: '<namespace>' }).locator('xpath=ancestor::pre').count()).toBe(0);

    // Another tab starts empty (values are per tab).
    const fresh = await open(entryFor(rb3.source).permalink);
    expect(await fresh.locator('form[data-placeholder-form]').getByLabel('namespace', { exact: true }).inputValue()).toBe('');
    await fresh.close();

    // "Clear values" empties the fields and restores the commands as written.
    await otherForm.getByRole('button', { name: 'Clear values' }).click();
    await expect.poll(() => otherForm.getByLabel('namespace', { exact: true }).inputValue()).toBe('');
    await expect.poll(() => filled.count()).toBe(0);
    expect(await page.evaluate(() => sessionStorage.getItem('handbook:placeholder:namespace'))).toBeNull();
    await page.close();
  });

  test('pages without placeholder commands have no form', async () => {
    const plain = readDocs().find((doc) => !/<[a-z0-9][a-z0-9-]*>/.test(doc.body) && entryFor(doc.source));
    const page = await open(entryFor(plain!.source).permalink);
    expect(await page.locator('form[data-placeholder-form]').count()).toBe(0);
    await page.close();
  });
});

describe('checklists', () => {
  const TASK = /^\s*[-*+] \[( |x|X)\] /gm;

  function checklist(): { doc: SourceDoc; total: number } {
    const doc = readDocs('checklists').find(
      (d) => d.frontmatter['type'] === 'checklist' && (d.body.match(TASK)?.length ?? 0) >= 3 && !/^\s*[-*+] \[[xX]\] /m.test(d.body),
    );
    if (!doc) throw new Error('No checklist page with three or more unticked items under docs/checklists/.');
    return { doc, total: doc.body.match(TASK)!.length };
  }

  test('ticks are saved per page, survive a reload, show progress, and reset', async () => {
    const { doc, total } = checklist();
    const { permalink } = entryFor(doc.source);
    const page = await open(permalink);
    const boxes = page.locator('li.task-list-item input[type="checkbox"]');
    expect(await boxes.count()).toBe(total);
    const progress = page.getByRole('progressbar');
    const count = page.getByTestId('checklist-count');
    expect(await count.textContent()).toBe(`0 of ${total} done`);
    expect(await progress.getAttribute('aria-valuemax')).toBe(String(total));

    // Enabled after hydration, labelled with the item's text, reachable by keyboard.
    await expect.poll(() => boxes.first().isEnabled()).toBe(true);
    expect((await boxes.first().getAttribute('aria-label'))?.length).toBeGreaterThan(3);
    await boxes.nth(0).check();
    await boxes.nth(2).focus();
    await page.keyboard.press('Space');
    await expect.poll(() => count.textContent()).toBe(`2 of ${total} done`);
    expect(await progress.getAttribute('aria-valuenow')).toBe('2');

    await page.reload({ waitUntil: 'load' });
    await page.locator('html[data-has-hydrated="true"]').waitFor({ state: 'attached' });
    await expect.poll(() => count.textContent()).toBe(`2 of ${total} done`);
    expect(await boxes.nth(0).isChecked()).toBe(true);
    expect(await boxes.nth(1).isChecked()).toBe(false);
    expect(await boxes.nth(2).isChecked()).toBe(true);
    expect(await progress.getAttribute('aria-valuenow')).toBe('2');
    // Saved in localStorage under the page's permalink.
    const saved = await page.evaluate((key) => localStorage.getItem(key), `handbook:checklist:${permalink}`);
    expect(Object.values(JSON.parse(saved ?? '{}')).filter(Boolean)).toHaveLength(2);

    await page.getByRole('button', { name: 'Reset checklist' }).click();
    await expect.poll(() => count.textContent()).toBe(`0 of ${total} done`);
    expect(await boxes.nth(0).isChecked()).toBe(false);
    expect(await page.evaluate((key) => localStorage.getItem(key), `handbook:checklist:${permalink}`)).toBeNull();
    await page.close();
  });

  test('a tick of an item whose text changed is not applied', async () => {
    const { doc, total } = checklist();
    const { permalink } = entryFor(doc.source);
    const page = await open(permalink);
    // A tick saved for item 1 under another text hash (as if the item had been edited since).
    await page.evaluate((key) => localStorage.setItem(key, JSON.stringify({ '1-stale': true })), `handbook:checklist:${permalink}`);
    await page.reload({ waitUntil: 'load' });
    await page.locator('html[data-has-hydrated="true"]').waitFor({ state: 'attached' });
    await expect.poll(() => page.getByTestId('checklist-count').textContent()).toBe(`0 of ${total} done`);
    // …and is dropped from storage.
    await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), `handbook:checklist:${permalink}`)).toBeNull();
    await page.close();
  });
});
