/**
 * doc-index: a data plugin that gathers, once per build, the index of every doc (permalink, title,
 * description and a few frontmatter keys) and the section pages.
 *
 * What each page gets is only what it uses, because global data is part of the main bundle that
 * every page loads (`npm run bench:site`):
 * - global data (`usePluginData('doc-index')`, DocIndexGlobalData): the section pages and the
 *   number of runbooks and pages, for the home page and the search box;
 * - the runbook entries as a data module, `@generated/doc-index/default/runbooks.json`, imported by
 *   the runbook index page (src/pages/runbooks.tsx) alone, so it is in that page's chunk;
 * - everything as `build/doc-index.json`, for tools and the browser tests.
 *
 * The keys are picked from the frontmatter schemas in `core/schemas/frontmatter.ts`, never
 * redefined here. Frontmatter is not validated here (that is `npm run validate`'s job): a value of
 * the wrong shape is simply left out so that the build does not crash on it.
 */
import { writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import type { DocMetadata, LoadedContent } from '@docusaurus/plugin-content-docs';
import type { Frontmatter, RunbookFrontmatter } from '../../../core/schemas/frontmatter.ts';
import { isoDay } from '../../../core/dates.ts';

export const PLUGIN_NAME = 'doc-index';
export const DOC_INDEX_FILE = 'doc-index.json';

/** One doc, as the home page search sees it. */
export type DocIndexEntry = {
  permalink: string;
  title: string;
  description: string;
  /** Source path relative to the site, e.g. `docs/runbooks/rb-001-x.md`. */
  source: string;
  type?: Frontmatter['type'];
  /** `YYYY-MM-DD` (YAML dates are parsed to `Date` by Docusaurus, normalised back here). */
  last_reviewed?: Frontmatter['last_reviewed'];
  owner?: Frontmatter['owner'];
  review_interval?: Frontmatter['review_interval'];
  tags?: string[];
} & Partial<Pick<RunbookFrontmatter, 'runbook_id' | 'severity' | 'services' | 'alerts' | 'symptoms'>>;

/** A generated-index category page (`/docs/runbooks`): only sections that exist get one. */
export type DocIndexSection = { slug: string; label: string; permalink: string };

/** `build/doc-index.json`. */
export type DocIndexData = { entries: DocIndexEntry[]; sections: DocIndexSection[] };

/** The global data (every page): the sections, and what the search box says it searches. */
export type DocIndexGlobalData = { sections: DocIndexSection[]; runbooks: number; pages: number };

/** The data module of the runbook index page (`@generated/doc-index/default/runbooks.json`). */
export const RUNBOOKS_MODULE = 'runbooks.json';

const DOCS_PLUGIN = 'docusaurus-plugin-content-docs';

const asString = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

const asStringList = (value: unknown): string[] | undefined => {
  if (!Array.isArray(value)) return undefined;
  const items = value.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
  return items.length > 0 ? items : undefined;
};


/**
 * The URL the page is actually served at. Docs metadata keeps `/docs/x/` for `x/index.md`; routes
 * and files follow the site's `trailingSlash` (and client-side navigation must too).
 */
export function servedPath(permalink: string, trailingSlash: boolean | undefined, baseUrl: string): string {
  if (trailingSlash === undefined || permalink === baseUrl) return permalink;
  const [path = '', rest = ''] = permalink.split(/(?=[?#])/, 2);
  const fixed = trailingSlash ? (path.endsWith('/') ? path : `${path}/`) : path.replace(/\/+$/, '');
  return `${fixed}${rest}`;
}

/** Picks the indexed keys from one doc. Undefined keys are dropped to keep the index small. */
export function toEntry(doc: DocMetadata, context: Pick<LoadContext, 'siteDir' | 'siteConfig'>): DocIndexEntry {
  const { siteDir, siteConfig } = context;
  const fm = doc.frontMatter as Record<string, unknown>;
  const entry: DocIndexEntry = {
    permalink: servedPath(doc.permalink, siteConfig.trailingSlash, siteConfig.baseUrl),
    title: doc.title,
    description: doc.description,
    source: doc.source.startsWith('@site/') ? doc.source.slice('@site/'.length) : relative(siteDir, doc.source),
    type: asString(fm['type']) as DocIndexEntry['type'],
    runbook_id: asString(fm['runbook_id']),
    severity: asString(fm['severity']) as DocIndexEntry['severity'],
    services: asStringList(fm['services']),
    alerts: asStringList(fm['alerts']),
    symptoms: asStringList(fm['symptoms']),
    owner: asString(fm['owner']),
    last_reviewed: isoDay(fm['last_reviewed']),
    review_interval: asString(fm['review_interval']),
    tags: asStringList(fm['tags']),
  };
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as DocIndexEntry;
}

export default function docIndexPlugin(context: LoadContext): Plugin<void> {
  let data: DocIndexData = { entries: [], sections: [] };
  return {
    name: PLUGIN_NAME,

    async allContentLoaded({ allContent, actions }) {
      const docsContent = allContent[DOCS_PLUGIN]?.['default'] as LoadedContent | undefined;
      if (!docsContent) throw new Error(`${PLUGIN_NAME}: the docs plugin (${DOCS_PLUGIN}) is not loaded`);

      const entries: DocIndexEntry[] = [];
      const sections: DocIndexSection[] = [];
      for (const version of docsContent.loadedVersions) {
        for (const doc of version.docs) {
          if (!doc.unlisted) entries.push(toEntry(doc, context));
        }
        for (const sidebar of Object.values(version.sidebars)) {
          for (const item of sidebar) {
            if (item.type === 'category' && item.link?.type === 'generated-index') {
              sections.push({
                slug: item.link.slug,
                label: item.label,
                permalink: servedPath(item.link.permalink, context.siteConfig.trailingSlash, context.siteConfig.baseUrl),
              });
            }
          }
        }
      }
      entries.sort((a, b) => a.permalink.localeCompare(b.permalink));
      data = { entries, sections };
      const runbooks = entries.filter((entry) => entry.runbook_id);
      actions.setGlobalData({ sections, runbooks: runbooks.length, pages: entries.length } satisfies DocIndexGlobalData);
      await actions.createData(RUNBOOKS_MODULE, JSON.stringify(runbooks));
    },

    async postBuild({ outDir }) {
      await writeFile(join(outDir, DOC_INDEX_FILE), `${JSON.stringify(data, null, 2)}\n`);
    },
  };
}
