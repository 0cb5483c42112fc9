/**
 * The URL of every doc, computed the way @docusaurus/plugin-content-docs computes it (its own
 * `getSlug` and number-prefix parser), so links are resolved exactly as the build resolves them.
 */
import { posix } from 'node:path';
import getSlugModule from '@docusaurus/plugin-content-docs/lib/slug.js';
import * as numberPrefix from '@docusaurus/plugin-content-docs/lib/numberPrefix.js';
import { SITE_SETTINGS } from '../../../core/site/settings.ts';
import { frontmatterData } from './frontmatter.ts';
import type { DocFile, Project } from './types.ts';
import { projectFact } from './facts.ts';

type GetSlug = (args: { baseID: string; frontMatterSlug?: string; source: string; sourceDirName: string }) => string;
const getSlug = ((getSlugModule as unknown as { default?: GetSlug }).default ?? getSlugModule) as unknown as GetSlug;
const { DefaultNumberPrefixParser } = numberPrefix as unknown as {
  DefaultNumberPrefixParser: (name: string) => { filename: string };
};

/** `/docs/runbooks/x` for a doc path, without the base URL and without a trailing slash. */
export function docRoute(file: DocFile, docsDir = 'docs'): string | undefined {
  if (!file.path.startsWith(`${docsDir}/`) || !/\.mdx?$/.test(file.path)) return undefined;
  const relative = file.path.slice(docsDir.length + 1);
  const sourceDirName = posix.dirname(relative);
  const fileName = posix.basename(relative).replace(/\.mdx?$/, '');
  const data = frontmatterData(file);
  const id = typeof data?.['id'] === 'string' ? data['id'] : DefaultNumberPrefixParser(fileName).filename;
  const slug = typeof data?.['slug'] === 'string' ? data['slug'] : undefined;
  let docSlug: string;
  try {
    docSlug = getSlug({ baseID: id, frontMatterSlug: slug, source: `@site/${file.path}`, sourceDirName });
  } catch {
    return undefined; // an invalid slug: the frontmatter check reports the value
  }
  const route = posix.join('/', SITE_SETTINGS.routeBasePath, docSlug);
  return route.length > 1 ? route.replace(/\/+$/, '') : route;
}

export interface SiteMap {
  /** Route (no base URL, no trailing slash) → doc. */
  byRoute: Map<string, DocFile>;
  /** Repo path → route. */
  routeOf: Map<string, string>;
  /** Repo path → doc, for every Markdown doc of the run. */
  byPath: Map<string, DocFile>;
}

export const SITE_MAP = projectFact('site-map', (project): SiteMap => {
  const map: SiteMap = { byRoute: new Map(), routeOf: new Map(), byPath: new Map() };
  for (const file of project.files) {
    if (file.status !== 'ok') continue;
    map.byPath.set(file.path, file);
    const route = docRoute(file);
    if (route === undefined) continue;
    map.routeOf.set(file.path, route);
    map.byRoute.set(route, file);
  }
  return map;
});
export const siteMap = (project: Project): SiteMap => project.facts.get(SITE_MAP);

/** Normalises a site path for lookup: strips the base URL, `index.html`, `.html` and trailing slashes. */
export function normaliseRoute(path: string): string {
  let p = path;
  const base = SITE_SETTINGS.baseUrl.replace(/\/+$/, '');
  if (base && (p === base || p.startsWith(`${base}/`))) p = p.slice(base.length) || '/';
  p = p.replace(/\/index\.html$/, '/').replace(/\.html$/, '');
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}
