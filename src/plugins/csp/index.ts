/**
 * csp: a Content-Security-Policy `<meta>` on every built page. After the build, each HTML file's own
 * inline scripts (Docusaurus' colour-mode and theme bootstrap, JSON-LD) are hashed into its
 * policy, so they run; any other inline script, inline event handler, `javascript:` URL or script
 * from another origin is refused by the browser, even if one slipped past `npm run validate`
 * (security/* checks). Static hosting (GitHub Pages) cannot send headers, hence the meta tag.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { eachConcurrently, htmlFiles, pagePath } from '../html-files.ts';
import type { Plugin } from '@docusaurus/types';

export const PLUGIN_NAME = 'csp';

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/** `'sha256-…'` sources for each inline script of `html` (scripts with `src` are covered by 'self'). */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const m of html.matchAll(INLINE_SCRIPT)) {
    if (/\ssrc\s*=/i.test(m[1]!)) continue;
    hashes.add(`'sha256-${createHash('sha256').update(m[2]!, 'utf8').digest('base64')}'`);
  }
  return [...hashes].sort();
}

/** The policy of one page. Only script-related directives: styles, images and fonts are left alone. */
export function policyFor(html: string): string {
  return [
    `script-src 'self' ${inlineScriptHashes(html).join(' ')}`.trim(),
    "script-src-attr 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-src 'none'",
    "worker-src 'self'",
  ].join('; ');
}

const META = /<meta\s+http-equiv=["']?Content-Security-Policy["']?[^>]*>/i;

/** `html` with its policy meta tag as the first element of `<head>` (before any script), replacing an older one. */
export function withPolicy(html: string): string {
  const cleaned = html.replace(META, '');
  const tag = `<meta http-equiv="Content-Security-Policy" content="${policyFor(cleaned)}">`;
  const head = /<head\b[^>]*>/i.exec(cleaned);
  if (!head) return cleaned;
  const at = head.index + head[0].length;
  // Keep `<meta charset>` first (it must be in the first 1024 bytes); the policy follows it.
  const charset = /^\s*<meta\s+charset=[^>]*>/i.exec(cleaned.slice(at));
  const insert = at + (charset ? charset[0].length : 0);
  return cleaned.slice(0, insert) + tag + cleaned.slice(insert);
}

async function addPolicy(file: string): Promise<void> {
  const html = await readFile(file, 'utf8');
  const next = withPolicy(html);
  if (next === html) return;
  // Atomic: other plugins' postBuild (the PWA's precache manifest) may read the pages meanwhile.
  const temp = `${file}.csp-${process.pid}.tmp`;
  await writeFile(temp, next);
  await rename(temp, file);
}

/**
 * Pages another plugin of this build writes with their policy already in them (`withPolicy`), by
 * path under the build folder (`rb/RB-007.html`): postBuild does not read, hash and rewrite them
 * again. On a global, since Docusaurus loads each plugin's modules afresh (the search index's
 * loader meets its plugin the same way).
 */
const WITH_POLICY = Symbol.for('ops-handbook.csp.pages-with-policy');

/** Records pages (paths under the build folder, `/`-separated) that are written with `withPolicy` already applied. */
export function notePagesWithPolicy(files: Iterable<string>): void {
  const store = globalThis as Record<symbol, Set<string> | undefined>;
  const noted = (store[WITH_POLICY] ??= new Set());
  for (const file of files) noted.add(file);
}

export default function cspPlugin(): Plugin<void> {
  return {
    name: PLUGIN_NAME,
    async postBuild({ outDir }) {
      const done = (globalThis as Record<symbol, Set<string> | undefined>)[WITH_POLICY] ?? new Set<string>();
      const files = (await htmlFiles(outDir)).filter((file) => !done.has(pagePath(outDir, file)));
      // A few files at a time: the reads and writes of one overlap the hashing of another.
      await eachConcurrently(files, addPolicy);
    },
  };
}
