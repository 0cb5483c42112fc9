/**
 * Code blocks highlighted at build time (src/remark/highlight-code.ts, src/theme/CodeBlock): the
 * colours a reader sees are the theme's (prism-react-renderer's own token styles, light and dark),
 * hydration keeps the server's HTML, a page reached by client-side navigation is highlighted too,
 * no highlighter is loaded for it, and the copy button copies the block's text.
 * Runs against `build/` (see global-setup.ts).
 */
import { createRequire } from 'node:module';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Highlight, Prism, themes, type PrismTheme } from 'prism-react-renderer';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { lightCodeTheme } from '../../src/prism-theme.ts';
import { launchBrowser, readDocIndex, readDocs, type Browser, type SourceDoc } from './site.ts';

const origin = inject('origin');
let browser: Browser;
/** Every script the tests' pages loaded. */
const scripts = new Set<string>();

beforeAll(async () => {
  browser = await launchBrowser();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  browser.context.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.add(response.url());
  });
});

afterAll(async () => {
  await browser?.close();
});

// The grammar the site adds for bash (themeConfig.prism.additionalLanguages), as the theme adds it.
(globalThis as { Prism?: unknown }).Prism = Prism;
createRequire(import.meta.url)('prismjs/components/prism-bash');
delete (globalThis as { Prism?: unknown }).Prism;

const HYDRATION = /hydrat|Minified React error #(418|419|422|423|425)/i;

async function open(path: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && HYDRATION.test(message.text())) errors.push(message.text());
  });
  await page.emulateMedia({ colorScheme });
  // Before any page script: watch the server-rendered code blocks for changes.
  await page.addInitScript(() => {
    localStorage.removeItem('theme'); // a colour mode chosen by an earlier test: follow colorScheme
    const w = window as unknown as { codeMutations: number; codeNodes: Element[] };
    w.codeMutations = 0;
    w.codeNodes = [];
    document.addEventListener('DOMContentLoaded', () => {
      w.codeNodes = Array.from(document.querySelectorAll('pre > code'));
      const observer = new MutationObserver((records) => (w.codeMutations += records.length));
      for (const code of w.codeNodes) observer.observe(code, { childList: true, subtree: true, characterData: true, attributes: true });
    });
  });
  const response = await page.goto(`${origin}${path}`, { waitUntil: 'load' });
  expect(response?.status(), `HTTP status of ${path}`).toBe(200);
  await page.locator('html[data-has-hydrated="true"]').waitFor({ state: 'attached', timeout: 20_000 });
  expect(errors, `uncaught errors on ${path}`).toEqual([]);
  return page;
}

/** The bash blocks of a doc, as written (the fence's content). */
const bashBlocks = (doc: SourceDoc): string[] => [...doc.body.matchAll(/^```bash\n([\s\S]*?)\n```$/gm)].map((m) => m[1]!);

/** The runbook (one listed at /runbooks) with the most bash blocks without placeholders (those look as the theme highlights them). */
function runbook(): { doc: SourceDoc; path: string; blocks: string[] } {
  const index = readDocIndex().entries;
  const [best] = readDocs('runbooks')
    .filter((doc) => doc.frontmatter['runbook_id'])
    .map((doc) => ({ doc, blocks: bashBlocks(doc).filter((code) => !code.includes('<')) }))
    .sort((a, b) => b.blocks.length - a.blocks.length);
  const entry = index.find((e) => e.source === best?.doc.source);
  if (!best || !entry || best.blocks.length < 2) throw new Error('A runbook with two or more bash blocks without placeholders is needed by these tests.');
  return { ...best, path: entry.permalink };
}

type Seen = { text: string; color: string; fontStyle: string; opacity: string };

/** What prism-react-renderer's Highlight gives each non-empty token of `code` with `theme` (no style: the line's colour). */
function themeTokens(code: string, theme: PrismTheme): Seen[] {
  const seen: Seen[] = [];
  renderToStaticMarkup(
    createElement(Highlight, { theme, code, language: 'bash', children: ({ tokens, getTokenProps }) => {
      for (const token of tokens.flat()) {
        if (token.content === '' || token.content === '\n') continue;
        const style = getTokenProps({ token }).style ?? {};
        seen.push({
          text: token.content,
          color: String(style.color ?? theme.plain.color),
          fontStyle: String(style.fontStyle ?? 'normal'),
          opacity: String(style.opacity ?? '1'),
        });
      }
      return null;
    } }),
  );
  return seen;
}

/** What the browser shows of the block whose text is `code`: each non-empty token's computed style, colours resolved by the browser. */
async function shownTokens(page: Page, code: string, expected: Seen[]): Promise<{ shown: Seen[]; expected: Seen[] }> {
  return page.evaluate(
    ({ code, expected }) => {
      // Lines are elements: the text has no line breaks.
      const block = Array.from(document.querySelectorAll('pre > code')).find((el) => el.textContent === code.replace(/\n/g, ''));
      if (!block) throw new Error(`no code block reads ${JSON.stringify(code)}`);
      const shown = Array.from(block.querySelectorAll('.token-line > span'))
        .filter((span) => span.textContent !== '')
        .map((span) => {
          const style = getComputedStyle(span);
          return { text: span.textContent!, color: style.color, fontStyle: style.fontStyle, opacity: style.opacity };
        });
      const probe = document.createElement('span');
      document.body.append(probe);
      const resolved = expected.map((e) => {
        probe.style.color = e.color;
        return { ...e, color: getComputedStyle(probe).color, opacity: String(Number(e.opacity)) };
      });
      probe.remove();
      return { shown, expected: resolved };
    },
    { code, expected },
  );
}

async function expectThemeColours(page: Page, blocks: string[], theme: PrismTheme): Promise<void> {
  for (const code of blocks) {
    const { shown, expected } = await shownTokens(page, code, themeTokens(code, theme));
    expect(shown.length, `tokens of ${code}`).toBeGreaterThan(0);
    expect(shown, `tokens of ${code}`).toEqual(expected);
  }
}

describe('code blocks highlighted at build time', () => {
  test('look as the theme highlights them, light and dark; hydration keeps the server HTML', async () => {
    const { path, blocks } = runbook();
    for (const [scheme, theme] of [['light', lightCodeTheme], ['dark', themes.vsDark]] as const) {
      const page = await open(path, scheme);
      expect(await page.locator('html').getAttribute('data-theme')).toBe(scheme);
      await expectThemeColours(page, blocks, theme);
      const kept = await page.evaluate(() => {
        const w = window as unknown as { codeMutations: number; codeNodes: Element[] };
        return { blocks: w.codeNodes.length, connected: w.codeNodes.filter((node) => node.isConnected).length, mutations: w.codeMutations };
      });
      expect(kept.blocks).toBeGreaterThanOrEqual(blocks.length);
      expect(kept, 'the server-rendered <code> elements are the ones shown, unchanged').toEqual({ blocks: kept.blocks, connected: kept.blocks, mutations: 0 });
      await page.close();
    }
  });

  test('switching the colour mode recolours the code without a re-render', async () => {
    const { path, blocks } = runbook();
    const page = await open(path, 'light');
    // The toggle cycles through system, light and dark.
    const toggle = page.getByRole('button', { name: /switch between dark and light mode/i });
    for (let i = 0; i < 3 && (await page.locator('html').getAttribute('data-theme')) !== 'dark'; i++) await toggle.click();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await expectThemeColours(page, blocks.slice(0, 1), themes.vsDark);
    await page.close();
  });

  test('a page reached by client-side navigation is highlighted too', async () => {
    const { path, blocks } = runbook();
    const page = await open('/runbooks');
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    await page.locator(`main a[href="${path}"]`).first().click();
    await page.waitForURL(`**${path}`);
    await page.locator('pre > code .token-line').first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded), 'no full page load').toBe(true);
    await expectThemeColours(page, blocks, lightCodeTheme);
    await page.close();
  });

  test('the copy button copies the code as written', async () => {
    const { path, blocks } = runbook();
    const page = await open(path);
    const code = blocks.find((text) => text.includes('\n')) ?? blocks[0]!;
    const block = page.locator('div.theme-code-block').filter({ has: page.locator('pre > code', { hasText: code.split('\n')[0]! }) }).first();
    await block.hover();
    await block.getByRole('button', { name: /copy code/i }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    await page.close();
  });

  test('titles are kept', async () => {
    const doc = readDocs('contributing').find((d) => /^```\w+ title="([^"]+)"/m.test(d.body));
    const entry = readDocIndex().entries.find((e) => e.source === doc?.source);
    if (!doc || !entry) throw new Error('A contributing page with a titled code block is needed by this test.');
    const title = /^```\w+ title="([^"]+)"/m.exec(doc.body)![1]!;
    const page = await open(entry.permalink);
    expect(await page.locator('div.theme-code-block div[class*="codeBlockTitle"]').allTextContents()).toContain(title);
    await page.close();
  });

  test('no highlighter was loaded for these pages', async () => {
    expect(scripts.size).toBeGreaterThan(0);
    const bodies = await Promise.all([...scripts].map(async (url) => ({ url, text: await (await fetch(url)).text() })));
    // Prism's tokenizer runs its 'before-tokenize' hook; nothing the pages loaded has it.
    expect(bodies.filter((b) => b.text.includes('before-tokenize')).map((b) => b.url)).toEqual([]);
  });
});
