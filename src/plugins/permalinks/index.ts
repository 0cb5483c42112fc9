/**
 * permalinks: stable URLs that never change when files move.
 *
 * - `/rb/<RUNBOOK_ID>` leads to the runbook with that id,
 * - `/alerts/<AlertName>` leads to the runbook that lists the alert.
 *
 * In a build each is a small static HTML file (redirect-page.ts: `location.replace`, a meta refresh
 * without JavaScript, a canonical link and a visible link), with its Content-Security-Policy (the csp
 * plugin's `withPolicy`, so that plugin does not rewrite it), emitted with the client bundle so that
 * it is in the build directory before the PWA's precache manifest is made. They are not routes: rendering ~1 page per runbook with React would nearly double the
 * build's SSG and bundling work (`npm run bench:site -- --tree 1000`). Links to them are therefore
 * plain links (`pathname:///rb/RB-007`, see remark/permalink-links.ts), which the broken-link
 * checker does not follow and the client router does not intercept; `npm run validate` checks them
 * (links/internal knows every runbook id and listed alert). Under `npm start` (no build directory)
 * they are routes rendered by src/components/PermalinkRedirect, as before.
 *
 * After the build it writes `build/runbooks.json`, a machine-readable index for Alertmanager or
 * paging tools (`runbook_url` annotations point at the alert permalinks).
 *
 * Collisions (an alert listed by two runbooks, names that differ only in case) are reported by
 * `npm run validate` (alerts/runbook-coverage, permalinks/collision); here the first one wins.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import type { LoadedContent } from '@docusaurus/plugin-content-docs';
import { SITE_SETTINGS } from '../../../core/site/settings.ts';
import { toEntry, type DocIndexEntry } from '../doc-index/index.ts';
import { redirectFile, redirectHtml } from './redirect-page.ts';
import { brokenPermalinkLinks } from './link-check.ts';
import { notePagesWithPolicy, withPolicy } from '../csp/index.ts';

export const RUNBOOKS_FILE = 'runbooks.json';

export interface RunbookIndexEntry {
  id: string;
  title: string;
  /** The stable permalink (absolute URL). */
  url: string;
  /** Where the page lives now (absolute URL). */
  page: string;
  alerts: string[];
  alert_urls: Record<string, string>;
  services: string[];
  owner?: string;
  severity?: string;
  last_reviewed?: string;
}

/** The permalink pages of a build, by file under the build directory. */
type Pages = Map<string, string>;

/**
 * A bundler plugin (Webpack or Rspack, client compilation) that emits the permalink pages as assets
 * of the client bundle, so they are written to the build directory with it.
 */
class EmitPermalinkPages {
  constructor(private readonly pages: () => Pages) {}

  apply(compiler: BundlerCompiler): void {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('permalinks', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'permalinks', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        for (const [file, html] of this.pages()) compilation.emitAsset(file, new sources.RawSource(html));
      });
    });
  }
}

/** The part of a Webpack / Rspack compiler that EmitPermalinkPages uses. */
type BundlerCompiler = {
  webpack: {
    Compilation: { PROCESS_ASSETS_STAGE_ADDITIONAL: number };
    sources: { RawSource: new (source: string) => unknown };
  };
  hooks: {
    thisCompilation: {
      tap(
        name: string,
        fn: (compilation: {
          hooks: { processAssets: { tap(options: { name: string; stage: number }, fn: () => void): void } };
          emitAsset(file: string, source: unknown): void;
        }) => void,
      ): void;
    };
  };
};

/** `docusaurus build` sets NODE_ENV=production (and `build --dev` development); `start` leaves development. */
const isBuild = () => process.env['NODE_ENV'] === 'production';

export default function permalinksPlugin(context: LoadContext): Plugin<void> {
  const { siteConfig } = context;
  const absolute = (path: string) => `${siteConfig.url}${siteConfig.baseUrl.replace(/\/$/, '')}${path}`;
  let runbooks: RunbookIndexEntry[] = [];
  let pages: Pages = new Map();
  const base = siteConfig.baseUrl.replace(/\/$/, '');
  /** Permalink paths with the base URL, as pages link to them. */
  let written = new Set<string>();
  return {
    name: 'permalinks',

    async allContentLoaded({ allContent, actions }) {
      const docs = allContent['docusaurus-plugin-content-docs']?.['default'] as LoadedContent | undefined;
      if (!docs) throw new Error('permalinks: the docs plugin is not loaded');
      const entries: DocIndexEntry[] = docs.loadedVersions.flatMap((v) => v.docs.map((doc) => toEntry(doc, context)));
      const byRoute = new Map<string, DocIndexEntry>();
      runbooks = [];
      for (const entry of entries) {
        if (entry.type !== 'runbook' || !entry.runbook_id) continue;
        const rbPath = SITE_SETTINGS.runbookPermalink(entry.runbook_id);
        if (!byRoute.has(rbPath)) byRoute.set(rbPath, entry);
        const alerts = entry.alerts ?? [];
        for (const alert of alerts) {
          const path = SITE_SETTINGS.alertPermalink(alert);
          if (!byRoute.has(path)) byRoute.set(path, entry);
        }
        runbooks.push({
          id: entry.runbook_id,
          title: entry.title,
          url: absolute(rbPath),
          page: `${siteConfig.url}${entry.permalink}`,
          alerts,
          alert_urls: Object.fromEntries(alerts.map((a) => [a, absolute(SITE_SETTINGS.alertPermalink(a))])),
          services: entry.services ?? [],
          owner: entry.owner,
          severity: entry.severity,
          last_reviewed: entry.last_reviewed,
        });
      }
      runbooks.sort((a, b) => a.id.localeCompare(b.id));
      const titleOf = (entry: DocIndexEntry) => (entry.runbook_id ? `${entry.runbook_id}: ${entry.title}` : entry.title);
      pages = new Map();
      written = new Set([...byRoute.keys()].map((path) => `${base}${path}`));
      if (isBuild()) {
        for (const [path, entry] of byRoute) {
          // With its Content-Security-Policy already (the csp plugin's own function), so that the csp
          // plugin's pass over the built pages skips half the pages of a large tree.
          pages.set(
            redirectFile(path, siteConfig.trailingSlash),
            withPolicy(redirectHtml({ from: path, to: entry.permalink, canonical: `${siteConfig.url}${entry.permalink}`, title: titleOf(entry) })),
          );
        }
        notePagesWithPolicy(pages.keys());
        return;
      }
      for (const [path, entry] of byRoute) {
        actions.addRoute({
          path: `${siteConfig.baseUrl.replace(/\/$/, '')}${path}`,
          exact: true,
          component: '@site/src/components/PermalinkRedirect/index.tsx',
          props: { to: entry.permalink, title: titleOf(entry), from: path },
        });
      }
    },

    configureWebpack(_config, isServer) {
      return isServer || !isBuild() ? {} : { plugins: [new EmitPermalinkPages(() => pages)] };
    },

    async postBuild({ outDir }) {
      const prefixes = [SITE_SETTINGS.runbookPermalink(''), SITE_SETTINGS.alertPermalink('')].map((prefix) => `${base}${prefix}`);
      const broken = await brokenPermalinkLinks(outDir, prefixes, written, base);
      if (broken.length > 0) {
        throw new Error(
          `permalinks: ${broken.length} link(s) to a permalink that has no page (no runbook has that id or lists that alert; npm run validate names the source):\n${broken.map((b) => `- ${b}`).join('\n')}`,
        );
      }
      await writeFile(join(outDir, RUNBOOKS_FILE), `${JSON.stringify({ generated_by: 'ops-handbook', runbooks }, null, 2)}\n`);
    },
  };
}
