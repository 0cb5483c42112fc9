/**
 * The build's broken-link check for links to permalinks. Docusaurus' own check does not see them
 * (they are plain `pathname://` links, see ./links.ts), so after the build every page's links under
 * a permalink prefix are matched against the permalink pages that were written; one without a page
 * fails the build, as a broken link does.
 */
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { htmlFiles } from '../html-files.ts';

/** An `href` quoted or not (the build's minified HTML leaves most unquoted). */
const HREF = /\shref=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/gi;

/** The permalink paths (base URL included) that `html` links to. */
export function permalinkLinks(html: string, prefixes: readonly string[]): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(HREF)) {
    const path = (m[1] ?? m[2] ?? m[3] ?? '').split(/[?#]/, 1)[0]!;
    if (prefixes.some((prefix) => path.startsWith(prefix) && path.length > prefix.length)) found.add(path);
  }
  return [...found];
}

/**
 * `page file: link` for each link of a built page to a permalink without a page. `prefixes` and
 * `existing` carry the base URL (`/rb/`, `/rb/RB-007`).
 */
export async function brokenPermalinkLinks(outDir: string, prefixes: readonly string[], existing: ReadonlySet<string>): Promise<string[]> {
  const broken: string[] = [];
  for (const file of await htmlFiles(outDir)) {
    for (const link of permalinkLinks(await readFile(file, 'utf8'), prefixes)) {
      if (!existing.has(link)) broken.push(`${relative(outDir, file)}: ${link}`);
    }
  }
  return broken.sort();
}
