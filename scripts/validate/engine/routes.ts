/**
 * The URL of every doc, computed the way @docusaurus/plugin-content-docs computes it (its own
 * `getSlug` and number-prefix parser), so links are resolved exactly as the build resolves them.
 */
import { createRequire } from 'node:module';
import { posix } from 'node:path';
import * as numberPrefix from '@docusaurus/plugin-content-docs/lib/numberPrefix.js';
import { SITE_SETTINGS } from '../../../core/site/settings.ts';
import { activeCache } from './disk-cache.ts';
import { frontmatterData } from './frontmatter.ts';
import type { DocFile, Project } from './types.ts';
import { fileFact, projectFact } from './facts.ts';

type SlugArgs = { baseID: string; frontMatterSlug?: string; source: string; sourceDirName: string };
type GetSlug = (args: SlugArgs) => string;
let loadedGetSlug: GetSlug | undefined;

/**
 * Docusaurus' `getSlug`, loaded on first use: its module loads all of @docusaurus/utils (about a
 * third of a second), which a run whose slugs all come from the cache never needs.
 */
function getSlug(args: SlugArgs): string {
  if (!loadedGetSlug) {
    const mod = createRequire(import.meta.url)('@docusaurus/plugin-content-docs/lib/slug.js') as { default?: GetSlug } | GetSlug;
    loadedGetSlug = typeof mod === 'function' ? mod : mod.default!;
  }
  return loadedGetSlug(args);
}

/** `getSlug` through the run's cache: a slug depends only on these arguments (and the pinned package). */
function cachedSlug(args: SlugArgs): string | undefined {
  const key = JSON.stringify([args.baseID, args.frontMatterSlug ?? null, args.source, args.sourceDirName]);
  const known = activeCache().get<{ slug?: string }>('slug', key);
  if (known) return known.slug;
  let slug: string | undefined;
  try {
    slug = getSlug(args);
  } catch {
    slug = undefined; // an invalid slug: the frontmatter check reports the value
  }
  activeCache().set('slug', key, slug === undefined ? {} : { slug });
  return slug;
}
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
  const docSlug = cachedSlug({ baseID: id, frontMatterSlug: slug, source: `@site/${file.path}`, sourceDirName });
  if (docSlug === undefined) return undefined;
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

/** A doc's route, or null (not a routed doc, an invalid slug): kept in the facts index (engine/file-index.ts). */
export const ROUTE = fileFact('route', (file): string | null => docRoute(file) ?? null);

export const SITE_MAP = projectFact('site-map', (project): SiteMap => {
  const map: SiteMap = { byRoute: new Map(), routeOf: new Map(), byPath: new Map() };
  for (const file of project.files) {
    if (file.status !== 'ok') continue;
    map.byPath.set(file.path, file);
    const route = project.facts.of(ROUTE, file);
    if (route === null) continue;
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
