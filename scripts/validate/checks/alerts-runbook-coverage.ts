import { defineCheck } from '../engine/check.ts';
import { frontmatterData, frontmatterValueOffset } from '../engine/frontmatter.ts';
import { didYouMean } from '../engine/suggest.ts';
import type { DocFile } from '../engine/types.ts';
import { alertingRules, alertPermalink } from './alerts-rules.ts';

const RULES = 'src/data/alerts/example.rules.yml';
const rules = (...names: string[]) =>
  `groups:\n  - name: example\n    rules:\n${names
    .map((n) => `      - alert: ${n}\n        expr: up == 0\n        labels: {severity: SEV2, team: platform-sre}\n        annotations: {summary: S, runbook_url: "${alertPermalink(n)}"}\n`)
    .join('')}`;
const runbook = (id: string, alerts: string) => `---\ntype: runbook\nrunbook_id: ${id}\nalerts: [${alerts}]\n---\n`;

export default defineCheck({
  id: 'alerts/runbook-coverage',
  description: 'Every alert in the rules has exactly one runbook listing it, and every alert a runbook lists exists in the rules.',
  severity: 'error',
  messages: {
    unknownAlert: 'no alerting rule named {alert} in src/data/alerts/',
    uncovered: 'no runbook lists alert {name}; add it to the `alerts` of the runbook that handles it',
    listedTwice: 'alert {name} is listed by {runbooks}; its permalink can lead to one runbook only, so list it in one and link the other from there',
  },
  docs: {
    why:
      'An alert without a runbook pages someone with nothing to do; a runbook that lists an alert that ' +
      'was renamed or deleted is never reached from a page. The alert permalink `/alerts/<AlertName>` ' +
      'needs exactly one runbook to lead to.',
    fix: 'Add the alert to the `alerts:` of the runbook that handles it, fix the name to match the rule, or remove a deleted alert from the runbook.',
    good: [{ title: 'Rules and runbooks agree', files: { [RULES]: rules('TargetDown') }, path: 'docs/runbooks/rb-001.md', source: runbook('RB-001', 'TargetDown') }],
    bad: [
      {
        title: 'A renamed alert: both directions reported',
        files: { [RULES]: rules('TargetDown', 'DiskFull') },
        path: 'docs/runbooks/rb-001.md',
        source: runbook('RB-001', 'TargetDown, TargetIsDown'),
        problems: [{ at: '4:22', message: 'no alerting rule named TargetIsDown' }],
      },
      {
        title: 'An alert with no runbook (reported in the rule file)',
        files: { 'docs/runbooks/rb-001.md': runbook('RB-001', 'TargetDown') },
        path: RULES,
        source: rules('TargetDown', 'DiskFull'),
        problems: [{ at: '8:16', message: 'no runbook lists alert DiskFull' }],
      },
    ],
  },
  checkProject(project, report) {
    const defined = new Map<string, { file: (typeof project.alertRules)[number]; path: (string | number)[] }>();
    for (const file of project.alertRules) for (const { name, path } of alertingRules(file)) if (!defined.has(name)) defined.set(name, { file, path });
    const listedBy = new Map<string, DocFile[]>();
    for (const file of project.files) {
      const data = frontmatterData(file);
      const alerts = data?.['alerts'];
      if (data?.['type'] !== 'runbook' || !Array.isArray(alerts)) continue;
      alerts.forEach((alert, i) => {
        if (typeof alert !== 'string') return;
        listedBy.set(alert, [...(listedBy.get(alert) ?? []), file]);
        if (project.alertRules.length > 0 && !defined.has(alert)) {
          report(file, { offset: frontmatterValueOffset(file, ['alerts', i]) }, 'unknownAlert', { alert }, { hint: didYouMean(alert, defined.keys()) });
        }
      });
    }
    for (const [name, { file, path }] of defined) {
      const node = file.doc.getIn([...path, 'alert'], true) as { range?: [number, number, number] } | undefined;
      const at = { offset: node?.range?.[0] ?? 0 };
      const runbooks = listedBy.get(name) ?? [];
      if (runbooks.length === 0) {
        report(file, at, 'uncovered', { name });
      } else if (runbooks.length > 1) {
        report(file, at, 'listedTwice', { name, runbooks: runbooks.map((r) => r.path).join(' and ') });
      }
    }
  },
});
