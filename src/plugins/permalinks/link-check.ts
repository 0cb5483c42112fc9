/**
 * The build's broken-link check for links to permalinks. Docusaurus' own check does not see them
 * (they are plain `pathname://` links, see ./links.ts), so after the build every page's links under
 * a permalink prefix are matched against the permalink pages that were written; one without a page
 * fails the build, as a broken link does.
 */
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { eachConcurrently, htmlFiles, pagePath } from '../html-files.ts';

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

/** The URL path a built page is served at (`rb/RB-007.html` or `rb/RB-007/index.html` → `/rb/RB-007`). */
const servedAt = (outDir: string, file: string): string => `/${pagePath(outDir, file)}`.replace(/(\/index)?\.html$/, '');

/**
 * `page file: link` for each link of a built page to a permalink without a page. `prefixes` and
 * `existing` carry the base URL (`/rb/`, `/rb/RB-007`). The permalink pages themselves are not
 * read: each links only to its doc (./redirect-page.ts), and they are half the pages of a large
 * tree. Eight files are read at a time.
 */
export async function brokenPermalinkLinks(outDir: string, prefixes: readonly string[], existing: ReadonlySet<string>, base = '/'): Promise<string[]> {
  const broken: string[] = [];
  const files = (await htmlFiles(outDir)).filter((file) => !existing.has(`${base.replace(/\/$/, '')}${servedAt(outDir, file)}`));
  await eachConcurrently(files, async (file) => {
    for (const link of permalinkLinks(await readFile(file, 'utf8'), prefixes)) {
      if (!existing.has(link)) broken.push(`${relative(outDir, file)}: ${link}`);
    }
  });
  return broken.sort();
}
