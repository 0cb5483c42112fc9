import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineCheck } from '../engine/check.ts';
import { siteMap } from '../engine/routes.ts';
import { frontmatterData, frontmatterValueOffset } from '../engine/frontmatter.ts';
import { SITE_SETTINGS } from '../../../core/site/settings.ts';
import type { DocFile } from '../engine/types.ts';

const PREFIXES = [SITE_SETTINGS.runbookPermalink(''), SITE_SETTINGS.alertPermalink('')];
const runbook = (id: string, alerts: string) => `---\ntype: runbook\nrunbook_id: ${id}\nalerts: [${alerts}]\n---\n`;

export default defineCheck({
  id: 'permalinks/collision',
  description: 'Stable permalinks (/rb/<id>, /alerts/<name>) are unambiguous: no page, static file or other alert takes the same URL.',
  severity: 'error',
  messages: {
    reservedUrl: 'URL {route} is reserved for permalinks ({prefix}…); remove the slug or move the page',
    shadowingFolder: '{dir}/ would shadow the generated permalinks under /{name}/; move it elsewhere',
    caseCollision: 'alert {name} gets the same permalink as {other} ({otherFile}) on case-insensitive hosts; rename one',
  },
  docs: {
    why:
      'Alert notifications and incident notes link to `/rb/RB-007` and `/alerts/<AlertName>`, which ' +
      'redirect to wherever the runbook lives now. Two alerts whose names differ only in case get ' +
      'the same file on case-insensitive file systems and CDNs, and a page or static file under ' +
      '/rb/ or /alerts/ would shadow a permalink.',
    fix: 'Rename one of the alerts (in the rules and the runbook), or move the page or file out of /rb/ and /alerts/.',
    good: [{ title: 'Distinct alert names', files: { 'docs/runbooks/rb-001.md': runbook('RB-001', 'HighCpu') }, path: 'docs/runbooks/rb-002.md', source: runbook('RB-002', 'HighMemory') }],
    bad: [
      {
        title: 'Alert names that differ only in case',
        files: { 'docs/runbooks/rb-001.md': runbook('RB-001', 'HighCpu') },
        path: 'docs/runbooks/rb-002.md',
        source: runbook('RB-002', 'HighCPU'),
        problems: [{ at: '4:10', message: 'same permalink as HighCpu' }],
      },
    ],
  },
  checkProject(project, report) {
    const { routeOf, byPath } = siteMap(project);
    for (const [path, route] of routeOf) {
      const hit = PREFIXES.find((p) => route.startsWith(p));
      if (!hit) continue;
      const file = byPath.get(path)!;
      report(file, { offset: frontmatterValueOffset(file, ['slug']) }, 'reservedUrl', { route, prefix: hit });
    }
    const firstDoc = project.files.find((f) => project.targets.has(f.path));
    for (const dir of ['static/rb', 'static/alerts', 'src/pages/rb', 'src/pages/alerts']) {
      if (firstDoc && existsSync(join(project.root, dir))) {
        report(firstDoc, { line: 1, column: 1 }, 'shadowingFolder', { dir, name: dir.split('/').at(-1)! });
      }
    }
    const byLower = new Map<string, { name: string; file: DocFile }>();
    for (const file of project.files) {
      const alerts = frontmatterData(file)?.['alerts'];
      if (!Array.isArray(alerts)) continue;
      alerts.forEach((name, i) => {
        if (typeof name !== 'string') return;
        const other = byLower.get(name.toLowerCase());
        if (other && other.name !== name) {
          report(file, { offset: frontmatterValueOffset(file, ['alerts', i]) }, 'caseCollision', { name, other: other.name, otherFile: other.file.path });
        } else if (!other) byLower.set(name.toLowerCase(), { name, file });
      });
    }
  },
});
