/** Shared helpers for the browser tests: paths, the built doc index, the docs' frontmatter, Chromium. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { parse } from 'yaml';
import type { DocIndexData } from '../../src/plugins/doc-index/index.ts';

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
export const BUILD_DIR = join(ROOT, 'build');
export const DOCS_DIR = join(ROOT, 'docs');
export const RESULTS_DIR = join(ROOT, 'test-results');
/** The site's base URL as built (the deploy workflow builds with BASE_URL=/<repo>/). */
export const BASE_PATH = (process.env['BASE_URL']?.trim() || '/').replace(/\/?$/, '/');
/** Must match docusaurus.config.ts. */
export const REPO_URL = (process.env['HANDBOOK_REPO_URL']?.trim() || 'https://git.example.com/platform/ops-handbook').replace(/\/+$/, '');

/** `build/doc-index.json`, written by the doc-index plugin with the same data as the home page. */
export function readDocIndex(): DocIndexData {
  const file = join(BUILD_DIR, 'doc-index.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: the doc-index plugin did not run. Rebuild with \`npm run build\`.`);
  return JSON.parse(readFileSync(file, 'utf8')) as DocIndexData;
}

export type SourceDoc = { source: string; frontmatter: Record<string, unknown>; body: string };

/** Every Markdown doc under `docs/<dir>`, read from source (not from the build). */
export function readDocs(dir = ''): SourceDoc[] {
  const base = join(DOCS_DIR, dir);
  if (!existsSync(base)) return [];
  const files = readdirSync(base, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.mdx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  return files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
    let frontmatter: Record<string, unknown> = {};
    try {
      frontmatter = (match ? parse(match[1] ?? '') : {}) ?? {};
    } catch {
      // Invalid frontmatter is `npm run validate`'s business; such a doc is just not picked here.
    }
    return { source: relative(ROOT, file), frontmatter, body: match ? text.slice(match[0].length) : text };
  });
}

/** Docusaurus only shows "Last updated" for files committed to git. (Read-only git query.) */
export function isCommitted(source: string): boolean {
  try {
    return execFileSync('git', ['log', '-1', '--format=%H', '--', source], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type Browser = { context: BrowserContext; close: () => Promise<void> };

/** Headless system Chromium with a fresh, throw-away profile (`--user-data-dir`). */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env['CHROMIUM_PATH']?.trim() || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  const userDataDir = await mkdtemp(join(tmpdir(), 'handbook-e2e-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    colorScheme: 'light',
    reducedMotion: 'reduce',
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function resultsDir(): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  return RESULTS_DIR;
}

/** Lower-case, every non-alphanumeric character removed (as the home page search compares). */
export const compact = (text: string): string => text.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '');
