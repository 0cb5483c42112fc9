/**
 * permalinks: stable URLs that never change when files move.
 *
 * - `/rb/<RUNBOOK_ID>` leads to the runbook with that id,
 * - `/alerts/<AlertName>` leads to the runbook that lists the alert,
 * both as real routes (so the build's broken-link checker knows them and `npm start` serves them)
 * whose static HTML carries a meta refresh, so they redirect without JavaScript too.
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

export default function permalinksPlugin(context: LoadContext): Plugin<void> {
  const { siteConfig } = context;
  const absolute = (path: string) => `${siteConfig.url}${siteConfig.baseUrl.replace(/\/$/, '')}${path}`;
  let runbooks: RunbookIndexEntry[] = [];
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
      for (const [path, entry] of byRoute) {
        actions.addRoute({
          path: `${siteConfig.baseUrl.replace(/\/$/, '')}${path}`,
          exact: true,
          component: '@site/src/components/PermalinkRedirect/index.tsx',
          props: { to: entry.permalink, title: entry.runbook_id ? `${entry.runbook_id}: ${entry.title}` : entry.title, from: path },
        });
      }
    },

    async postBuild({ outDir }) {
      await writeFile(join(outDir, RUNBOOKS_FILE), `${JSON.stringify({ generated_by: 'ops-handbook', runbooks }, null, 2)}\n`);
    },
  };
}
