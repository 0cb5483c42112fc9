/**
 * What an on-call engineer notices in the built site: the home page search and its four paths,
 * symptom search → runbook, Mermaid diagrams, "Edit this page" and "Last updated", dark mode.
 * Runs against `build/` (see global-setup.ts); the docs are read from source to pick test data, so
 * the tests follow the content as it grows.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { DocIndexEntry } from '../../src/plugins/doc-index/index.ts';
import {
  BASE_PATH,
  BUILD_DIR,
  compact,
  isCommitted,
  launchBrowser,
  readDocIndex,
  readDocs,
  REPO_URL,
  resultsDir,
  type Browser,
  type SourceDoc,
} from './site.ts';

const origin = inject('origin');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Opens a page, fails on HTTP errors and uncaught page errors, waits for React hydration. */
async function open(path: string, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
  const page = await browser.context.newPage();
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

const searchBox = (page: Page) => page.getByRole('combobox', { name: /search runbooks/i });
const options = (page: Page) => page.getByRole('listbox', { name: 'Search results' }).getByRole('option');

function entryFor(source: string): DocIndexEntry {
  const entry = readDocIndex().entries.find((e) => e.source === source);
  if (!entry) throw new Error(`${source} is not in build/doc-index.json: is build/ older than the docs? Rebuild.`);
  return entry;
}

/** The runbooks, from source, that have what the search needs. */
function runbooks(): SourceDoc[] {
  const found = readDocs('runbooks').filter(
    (doc) =>
      doc.frontmatter['type'] === 'runbook' &&
      typeof doc.frontmatter['runbook_id'] === 'string' &&
      Array.isArray(doc.frontmatter['symptoms']),
  );
  if (found.length === 0) throw new Error('No runbook with `runbook_id` and `symptoms` under docs/runbooks/.');
  return found;
}

/**
 * A symptom string from a runbook's frontmatter that no other page mentions, so the runbook must
 * come first. Prefers a longer, specific one (an error message rather than a word).
 */
function pickSymptom(): { doc: SourceDoc; symptom: string } {
  const others = (source: string) =>
    readDocIndex()
      .entries.filter((e) => e.source !== source)
      .flatMap((e) => [e.runbook_id, e.title, e.description, ...(e.alerts ?? []), ...(e.symptoms ?? []), ...(e.services ?? [])])
      .filter((v): v is string => typeof v === 'string')
      .map(compact);
  const candidates = runbooks().flatMap((doc) => {
    const elsewhere = others(doc.source);
    return (doc.frontmatter['symptoms'] as unknown[])
      .filter((s): s is string => typeof s === 'string' && compact(s).length >= 8)
      .filter((s) => !elsewhere.some((text) => text.includes(compact(s))))
      .map((symptom) => ({ doc, symptom }));
  });
  const pick = candidates.sort((a, b) => b.symptom.length - a.symptom.length)[0];
  if (!pick) throw new Error('Every runbook symptom also appears on another page: no unambiguous symptom to search for.');
  return pick;
}

describe('home page', () => {
  test('opens with the search box focused, then the four paths into the handbook', async () => {
    const page = await open(BASE_PATH);
    const box = searchBox(page);
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);

    // The search box comes first, then the four paths.
    const nav = page.getByRole('navigation', { name: 'Where to start' });
    const boxTop = (await box.boundingBox())?.y ?? Infinity;
    const navTop = (await nav.boundingBox())?.y ?? -Infinity;
    expect(boxTop).toBeLessThan(navTop);

    const expected = [
      ['I am deploying', 'docs/deployment'],
      ['Something is broken', 'docs/runbooks'],
      ['I need to roll back', 'docs/rollback'],
      ['Quick reference', 'docs/quick-reference'],
    ] as const;
    const items = nav.getByRole('listitem');
    expect(await items.count()).toBe(expected.length);
    for (const [i, [name, path]] of expected.entries()) {
      const link = items.nth(i).getByRole('link');
      expect(await link.count(), `"${name}" is a link (does docs/${path.split('/')[1]}/ have pages?)`).toBe(1);
      expect(await link.textContent()).toContain(name);
      expect(await link.getAttribute('href')).toBe(`${BASE_PATH}${path}`);
    }

    // Following one lands on that section's index page.
    await page.getByRole('link', { name: /Something is broken/ }).click();
    await page.waitForURL(`${origin}${BASE_PATH}docs/runbooks`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Runbooks');
    await page.close();
  });

  test('`/` focuses the search box from anywhere on the page', async () => {
    const page = await open(BASE_PATH);
    await page.locator('footer').click();
    expect(await searchBox(page).evaluate((el) => el === document.activeElement)).toBe(false);
    await page.keyboard.press('/');
    expect(await searchBox(page).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await searchBox(page).inputValue()).toBe('');
    await page.close();
  });
});

describe('search', () => {
  test('a symptom from a runbook finds that runbook first, and Enter opens it', async () => {
    const { doc, symptom } = pickSymptom();
    const entry = entryFor(doc.source);
    console.info(`searching for symptom ${JSON.stringify(symptom)} → ${entry.runbook_id} (${doc.source})`);

    const page = await open(BASE_PATH);
    await searchBox(page).pressSequentially(symptom, { delay: 5 });
    await expect.poll(() => options(page).count()).toBeGreaterThan(0);
    const first = options(page).first();
    expect(await first.getAttribute('aria-selected')).toBe('true');
    const text = (await first.textContent()) ?? '';
    expect(text).toContain(String(doc.frontmatter['runbook_id']));
    expect(text).toContain(String(doc.frontmatter['title']));
    if (typeof doc.frontmatter['severity'] === 'string') expect(text).toContain(doc.frontmatter['severity']);
    for (const service of (doc.frontmatter['services'] as string[] | undefined) ?? []) expect(text).toContain(service);

    // The result shows the symptom that matched and opens the runbook at its Symptoms section.
    expect(text).toContain(symptom);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === entry.permalink);
    expect(new URL(page.url()).hash).toBe('#symptoms');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(doc.frontmatter['title']);
    await page.close();
  });

  test('ids and alert names match however they are typed; arrows move the selection', async () => {
    const doc = runbooks()[0]!;
    const id = String(doc.frontmatter['runbook_id']); // RB-001
    const page = await open(BASE_PATH);
    const box = searchBox(page);

    for (const query of [id.toLowerCase(), id.replace('-', ''), id.replace('-', ' ').toLowerCase()]) {
      await box.fill(query);
      await expect.poll(() => options(page).first().textContent(), { message: `first result for ${query}` }).toContain(id);
    }

    const alert = readDocs('runbooks')
      .flatMap((d) => (Array.isArray(d.frontmatter['alerts']) ? (d.frontmatter['alerts'] as string[]) : []))
      .find((a) => /[a-z][A-Z]/.test(a));
    if (alert) {
      // `ImagePullBackOff` typed as `imagepull`: a case-insensitive prefix still finds it.
      await box.fill(alert.slice(0, Math.max(6, Math.ceil(alert.length / 2))).toLowerCase());
      await expect.poll(() => options(page).count()).toBeGreaterThan(0);
    }

    await box.fill('');
    await box.pressSequentially(runbooks().length > 1 ? 'rb' : id, { delay: 5 });
    await expect.poll(() => options(page).count()).toBeGreaterThan(0);
    const count = await options(page).count();
    if (count > 1) {
      await page.keyboard.press('ArrowDown');
      expect(await options(page).nth(1).getAttribute('aria-selected')).toBe('true');
      expect(await options(page).nth(0).getAttribute('aria-selected')).toBe('false');
      const target = await options(page).nth(1).getAttribute('data-href');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${origin}${target}`);
    }

    await page.close();
  });

  test('a task question finds the task page and opens it at the section that answers it', async () => {
    const page = await open(BASE_PATH);
    await searchBox(page).fill('how do I scale down');
    await expect.poll(() => options(page).count()).toBeGreaterThan(0);
    const first = options(page).first();
    // The section heading and its first command are shown under the title.
    expect(await first.textContent()).toMatch(/procedure.*§ Scale down/s);
    const target = await first.getAttribute('data-href');
    expect(target).toMatch(/\/tasks\/scaling#scale-down$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${origin}${target}`);
    await page.close();
  });
});

describe('doc pages', () => {
  test('a ```mermaid block renders as an SVG diagram', async () => {
    const withMermaid = (docs: SourceDoc[]) => docs.find((doc) => /^\s*(```|~~~)mermaid\s*$/m.test(doc.body));
    const doc = withMermaid(readDocs('deployment')) ?? withMermaid(readDocs());
    if (!doc) throw new Error('No doc under docs/ has a ```mermaid block (the deployment guide should).');
    const page = await open(entryFor(doc.source).permalink);
    const svg = page.locator('.docusaurus-mermaid-container svg').first();
    await svg.waitFor({ state: 'visible', timeout: 30_000 });
    const box = await svg.boundingBox();
    expect(box?.width).toBeGreaterThan(50);
    expect(box?.height).toBeGreaterThan(20);
    expect(await svg.locator('g').count()).toBeGreaterThan(0);
    expect(await svg.textContent()).not.toMatch(/syntax error/i);
    await page.close();
  });

  test('a runbook page offers "Edit this page" and says when it was last updated', async () => {
    const doc = runbooks()[0]!;
    const page = await open(entryFor(doc.source).permalink);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(doc.frontmatter['title']);

    const edit = page.getByRole('link', { name: 'Edit this page' });
    expect(await edit.getAttribute('href')).toBe(`${REPO_URL}/edit/main/${doc.source}`);

    // The date comes from git: a runbook not committed yet has none, so then check a committed page.
    const datedSource = isCommitted(doc.source)
      ? doc.source
      : readDocIndex().entries.find((e) => isCommitted(e.source))?.source;
    if (!datedSource) throw new Error('No committed doc: "Last updated" comes from git history.');
    if (datedSource !== doc.source) console.warn(`${doc.source} is not committed yet; checking "Last updated" on ${datedSource}`);
    const datedPage = datedSource === doc.source ? page : await open(entryFor(datedSource).permalink);
    const lastUpdated = datedPage.locator('.theme-last-updated');
    expect(await lastUpdated.textContent()).toMatch(/^Last updated on .+ by .+/);
    expect(await lastUpdated.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    if (datedPage !== page) await datedPage.close();

    await page.screenshot({ path: join(await resultsDir(), 'runbook.png'), fullPage: true });
    await page.close();
  });
});

describe('colour mode', () => {
  /** Relative luminance of what the reader sees behind the text, 0 (black) to 1 (white). */
  const backgroundLuminance = (page: Page) =>
    page.evaluate(() => {
      // The first opaque background from <main> outwards (body and html may be transparent).
      let rgba: number[] = [];
      for (let el: Element | null = document.querySelector('main'); el; el = el.parentElement) {
        rgba = (getComputedStyle(el).backgroundColor.match(/[\d.]+/g) ?? []).map(Number);
        if (rgba.length === 3 || (rgba[3] ?? 0) > 0.9) break;
      }
      if (rgba.length < 3 || (rgba.length === 4 && (rgba[3] ?? 0) <= 0.9)) return Number.NaN;
      const [r, g, b] = rgba
        .slice(0, 3)
        .map((v) => v / 255)
        .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    });

  /** Contrast ratio of the body text against that background (WCAG AA asks 4.5 at least). */
  const textContrast = (page: Page, background: number) =>
    page.evaluate((bg) => {
      const [r, g, b] = (getComputedStyle(document.body).color.match(/[\d.]+/g) ?? [])
        .slice(0, 3)
        .map((v) => Number(v) / 255)
        .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
      const text = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      return (Math.max(text, bg) + 0.05) / (Math.min(text, bg) + 0.05);
    }, background);

  test('follows prefers-color-scheme: dark', async () => {
    const page = await open(BASE_PATH, { colorScheme: 'dark' });
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    const background = await backgroundLuminance(page);
    expect(background).toBeLessThan(0.05);
    expect(await textContrast(page, background)).toBeGreaterThan(7);
    await page.close();
  });

  test('and light', async () => {
    const page = await open(BASE_PATH, { colorScheme: 'light' });
    expect(await page.locator('html').getAttribute('data-theme')).toBe('light');
    const background = await backgroundLuminance(page);
    expect(background).toBeGreaterThan(0.8);
    expect(await textContrast(page, background)).toBeGreaterThan(7);
    await page.close();
  });
});

describe('permalinks', () => {
  type RunbookIndex = { runbooks: Array<{ id: string; title: string; url: string; page: string; alert_urls: Record<string, string> }> };
  const file = join(BUILD_DIR, 'runbooks.json');
  const { runbooks } = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { runbooks: [] }) as RunbookIndex;
  /** The served path of an absolute handbook URL (the build's base path is part of it). */
  const local = (url: string) => new URL(url).pathname;

  test('build/runbooks.json lists the runbooks', () => {
    expect(runbooks.length).toBeGreaterThan(0);
  });

  test.for(runbooks)('/rb/$id and its alert permalinks land on the runbook, and redirect without JavaScript too', async (runbook) => {
    const target = local(runbook.page);
    for (const url of [runbook.url, ...Object.values(runbook.alert_urls)]) {
      const html = await (await fetch(`${origin}${local(url)}`)).text();
      expect(html, `meta refresh of ${local(url)}`).toMatch(new RegExp(`http-equiv="?refresh"? content="0; url=${target}"`));
      const page = await browser.context.newPage();
      // The meta refresh and the client-side redirect race; either may abort the other's navigation.
      await page.goto(`${origin}${local(url)}`, { waitUntil: 'commit' }).catch(() => undefined);
      await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe(target);
      await expect.poll(() => page.locator('h1').first().textContent()).toContain(runbook.title);
      await page.close();
    }
  });

  test('a permalink keeps the #section, and a runbook header alert link opens its permalink in the same tab', async () => {
    const runbook = runbooks.find((r) => Object.keys(r.alert_urls).length > 0);
    if (!runbook) throw new Error('No runbook in build/runbooks.json lists an alert.');
    const target = local(runbook.page);
    const page = await open(target);
    const heading = await page.locator('article h2[id]').last().getAttribute('id');
    await page.goto(`${origin}${local(runbook.url)}#${heading}`, { waitUntil: 'commit' }).catch(() => undefined);
    await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).hash, { timeout: 15_000 }).toBe(`${target}#${heading}`);

    const [alert, alertUrl] = Object.entries(runbook.alert_urls)[0]!;
    await page.goto(`${origin}${target}`, { waitUntil: 'load' });
    await page.locator('html[data-has-hydrated="true"]').waitFor({ state: 'attached', timeout: 20_000 });
    const link = page.getByRole('region', { name: 'Runbook summary' }).getByRole('link', { name: alert });
    expect(await link.getAttribute('href')).toBe(local(alertUrl));
    const pagesBefore = browser.context.pages().length;
    await link.click();
    await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 15_000 }).toContain(runbook.title);
    expect(new URL(page.url()).pathname).toBe(target);
    expect(browser.context.pages().length, 'no new tab').toBe(pagesBefore);
    await page.close();
  });
});

describe('runbook pages', () => {
  const rb = () => {
    const found = readDocs('runbooks').find((doc) => doc.frontmatter['runbook_id'] === 'RB-003');
    if (!found) throw new Error('RB-003 is needed by these tests');
    return { doc: found, entry: entryFor(found.source) };
  };

  test('the header shows id, severity, owner with on-call contact and escalation, and alert links', async () => {
    const { doc, entry } = rb();
    const page = await open(entry.permalink);
    const header = page.getByRole('region', { name: 'Runbook summary' });
    await expect.poll(() => header.textContent()).toContain('RB-003');
    const text = (await header.textContent()) ?? '';
    expect(text).toContain(String(doc.frontmatter['severity']));
    expect(text).toMatch(/first responder/);
    expect(text).toMatch(/Escalation:/);
    for (const alert of doc.frontmatter['alerts'] as string[]) {
      await expect.poll(() => header.getByRole('link', { name: alert }).count()).toBe(1);
    }
    expect(await header.getByRole('status').count(), 'no overdue banner on a freshly reviewed runbook').toBe(0);
    await page.close();
  });

  test('a runbook whose review is overdue shows the banner (viewed years later)', async () => {
    const { entry } = rb();
    const page = await browser.context.newPage();
    // The viewer's clock, years after the review: Date() and Date.now() return 2031-06-01.
    await page.addInitScript(() => {
      const fixed = Date.parse('2031-06-01T12:00:00Z');
      const RealDate = Date;
      class ViewerDate extends RealDate {
        constructor(...args: []) {
          super(...((args.length > 0 ? args : [fixed]) as []));
        }
        static override now() {
          return fixed;
        }
      }
      globalThis.Date = ViewerDate as DateConstructor;
    });
    await page.goto(`${origin}${entry.permalink}`);
    const banner = page.getByRole('region', { name: 'Runbook summary' }).getByRole('status');
    await expect.poll(() => banner.textContent(), { timeout: 15_000 }).toMatch(/Review overdue since \d{4}-\d{2}-\d{2}/);
    await page.close();
  });
});

describe('runbook index', () => {
  test('lists every runbook and filters by severity and service, in the URL', async () => {
    const runbookCount = readDocIndex().entries.filter((e) => e.runbook_id).length;
    const page = await open(`${BASE_PATH}runbooks`);
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(runbookCount);
    await page.getByLabel('Severity').selectOption('SEV1');
    await expect.poll(() => rows.count()).toBeLessThan(runbookCount);
    expect(page.url()).toContain('severity=SEV1');
    for (const severity of await rows.locator('td:nth-child(3)').allTextContents()) expect(severity).toBe('SEV1');
    await page.getByLabel('Severity').selectOption('');
    await page.getByLabel('Service').selectOption('worker');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    for (const services of await rows.locator('td:nth-child(4)').allTextContents()) expect(services).toContain('worker');
    await page.close();
  });
});

describe('search dialog', () => {
  test('Ctrl+K opens it on any page; a command fragment from a code block finds its runbook', async () => {
    const { entry } = { entry: entryFor(readDocs('runbooks').find((d) => d.frontmatter['runbook_id'] === 'RB-003')!.source) };
    const page = await open(entry.permalink);
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Search the handbook' });
    const box = dialog.getByRole('combobox');
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.fill('kubectl rollout restart deployment');
    await expect.poll(() => dialog.getByRole('option').count()).toBeGreaterThan(0);
    const started = Date.now();
    await box.fill('KubePodCrashLooping');
    await expect.poll(() => dialog.getByRole('option').first().textContent()).toContain('RB-003');
    console.log(`search latency in the browser (query typed → first result shown): ${Date.now() - started} ms`);
    // Escape clears the query first, then closes the dialog.
    await page.keyboard.press('Escape');
    await expect.poll(() => box.inputValue()).toBe('');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await page.close();
  });
});
