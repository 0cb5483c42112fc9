import { defineCheck } from '../engine/check.ts';
import { catalogOf } from '../engine/catalog.ts';
import { didYouMean } from '../engine/suggest.ts';
import { locateIssues } from '../engine/yaml-issues.ts';
import { ruleFileSchema, alertingRuleSchema } from '../../../core/schemas/alert-rules.ts';
import { SITE_SETTINGS } from '../../../core/site/settings.ts';
import type { DataFile } from '../engine/types.ts';

const PATH = 'src/data/alerts/example.rules.yml';
const rule = (name: string, url: string, team = 'platform-sre') => `groups:
  - name: example
    rules:
      - alert: ${name}
        expr: up == 0
        for: 5m
        labels: {severity: SEV2, team: ${team}}
        annotations:
          summary: Target down
          runbook_url: ${url}
`;

/** Alerting rules of a parsed rule file, with the YAML path of each. */
export function alertingRules(file: DataFile): Array<{ name: string; path: (string | number)[]; rule: Record<string, unknown> }> {
  const out: Array<{ name: string; path: (string | number)[]; rule: Record<string, unknown> }> = [];
  const groups = (file.data as { groups?: unknown } | undefined)?.groups;
  if (!Array.isArray(groups)) return out;
  groups.forEach((group: { rules?: unknown }, g) => {
    if (!Array.isArray(group?.rules)) return;
    group.rules.forEach((r: Record<string, unknown>, i) => {
      if (r && typeof r['alert'] === 'string') out.push({ name: r['alert'], path: ['groups', g, 'rules', i], rule: r });
    });
  });
  return out;
}

export const alertPermalink = (name: string) => `${SITE_SETTINGS.url}${SITE_SETTINGS.alertPermalink(name)}`;

export default defineCheck({
  id: 'alerts/rules',
  description: 'Prometheus rule files are well-formed, alert names are unique, labels use the severity scheme and catalog teams, and runbook_url is the alert\'s permalink.',
  severity: 'error',
  messages: {
    yaml: 'invalid YAML: {error}',
    schema: '{text}',
    duplicateAlert: 'alert {name} is defined twice (also in {other}); alert names must be unique',
    unknownTeam: 'team label `{team}` is not a team of the service catalog',
    runbookUrl: "runbook_url must be {url}, the alert's permalink, so it survives runbook moves",
  },
  docs: {
    why:
      'The `runbook_url` annotation is the link in every page and chat notification. Pointing it at ' +
      'the alert\'s permalink (`/alerts/<AlertName>`) means it keeps working when runbooks move; ' +
      'a wrong severity label pages the wrong people.',
    fix: `Set \`runbook_url: ${alertPermalink('<AlertName>')}\`, \`severity\` to SEV1–SEV4 and \`team\` to a team of the catalog.`,
    good: [{ title: 'A rule with its permalink', path: PATH, source: rule('TargetDown', alertPermalink('TargetDown')) }],
    bad: [
      {
        title: 'A runbook_url straight to a page, and an unknown team',
        path: PATH,
        source: rule('TargetDown', 'https://ops-handbook.example.com/docs/runbooks/rb-001', 'sre'),
        problems: [
          { at: '7:40', message: 'Did you mean `platform-sre`?' },
          { at: '10:24', message: `must be ${alertPermalink('TargetDown')}` },
        ],
      },
    ],
  },
  checkProject(project, report) {
    const catalog = catalogOf(project);
    const teams = catalog ? Object.keys(catalog.teams) : [];
    const seen = new Map<string, string>();
    for (const file of project.alertRules) {
      const at = (path: (string | number)[]) => {
        const node = file.doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
        return { offset: node?.range?.[0] ?? 0 };
      };
      if (file.doc.errors.length > 0) {
        for (const error of file.doc.errors) report(file, { offset: error.pos[0] }, 'yaml', { error: error.message.split('\n')[0]! });
        continue;
      }
      const parsed = ruleFileSchema.safeParse(file.data);
      if (!parsed.success) {
        // A union error hides the useful one: re-check alerting rules on their own for precise messages.
        for (const { path, rule: r } of alertingRules(file)) {
          const one = alertingRuleSchema.safeParse(r);
          if (one.success) continue;
          for (const { offset, message } of locateIssues(file.doc, file.data, one.error.issues.map((i) => ({ ...i, path: [...path, ...i.path] }))))
            report(file, { offset }, 'schema', { text: message });
        }
        if (alertingRules(file).every(({ rule: r }) => alertingRuleSchema.safeParse(r).success)) {
          for (const { offset, message } of locateIssues(file.doc, file.data, parsed.error.issues)) report(file, { offset }, 'schema', { text: message });
        }
      }
      for (const { name, path, rule: r } of alertingRules(file)) {
        const where = `${file.path}`;
        if (seen.has(name)) report(file, at([...path, 'alert']), 'duplicateAlert', { name, other: seen.get(name)! });
        else seen.set(name, where);
        const labels = r['labels'] as Record<string, unknown> | undefined;
        const team = labels?.['team'];
        if (catalog && typeof team === 'string' && !teams.includes(team)) {
          report(file, at([...path, 'labels', 'team']), 'unknownTeam', { team }, { hint: didYouMean(team, teams) });
        }
        const url = (r['annotations'] as Record<string, unknown> | undefined)?.['runbook_url'];
        if (typeof url === 'string' && url !== alertPermalink(name)) {
          report(file, at([...path, 'annotations', 'runbook_url']), 'runbookUrl', { url: alertPermalink(name) });
        }
      }
    }
  },
});
