import { defineCheck } from '../engine/check.ts';
import { platformOf } from '../engine/platform.ts';
import { QUERY_MESSAGES, checkPromql, isLogql } from '../promql/analyze.ts';
import { RECORDED_METRICS, SCRIPT_QUERIES, queriesOf, ruleExpressions } from '../promql/sources.ts';

const RULE = 'promql/query';

const rules = (expr: string) => `groups:\n  - name: api\n    rules:\n      - alert: HighErrorRate\n        expr: |\n          ${expr.split('\n').join('\n          ')}\n        labels: {severity: SEV2, team: backend}\n        annotations: {summary: Errors, runbook_url: "https://handbook.example.com/alerts/HighErrorRate"}\n`;

export default defineCheck({
  id: RULE,
  description:
    'PromQL in ```promql blocks, alert rule `expr`s, and queries in commands and scripts (`--data-urlencode "query=…"`, `query="…"`) parses with Prometheus\' grammar and uses only metrics and labels of the platform model.',
  severity: 'error',
  local: true,
  messages: QUERY_MESSAGES,
  docs: {
    why:
      'A query on a label the metric does not have returns nothing, and nothing looks like "no errors": a canary check that ' +
      'can never abort, a dashboard query that shows a flat line during an outage, an alert that never fires. Prometheus does not ' +
      'complain; this check does, against the metrics and labels of src/data/platform.yml.',
    fix:
      'Use the metric and label names of the platform model (the message suggests the closest; `::platform-metrics` lists them). ' +
      'The colour of a pod is only in its name: match `pod=~"api-gateway-<colour>-.*"`. If the platform gained a metric or label, add it to src/data/platform.yml.',
    good: [
      {
        title: 'A block and a command on labels the metric has',
        source:
          '# Errors\n\n```promql\nsum(rate(http_requests_total{namespace="production", status=~"5.."}[5m]))\n```\n\n' +
          '```bash\ncurl -G https://prometheus.example.com/api/v1/query \\\n  --data-urlencode \'query=sum(rate(http_requests_total{service="web", pod=~"web-<colour>-.*"}[5m]))\'\n```\n',
      },
      { title: 'An alert rule', path: 'src/data/alerts/api.rules.yml', source: rules('sum(rate(http_requests_total{status=~"5.."}[5m])) > 1') },
    ],
    bad: [
      {
        title: 'Labels the metric lacks, an unknown metric and a syntax error',
        source:
          '# Errors\n\n```promql\nsum(rate(http_requests_total{app="api-gateway", code=~"5.."}[5m]))\n```\n\n' +
          '```bash\nquery="sum(rate(http_request_total{namespace=\\"production\\"}[5m]))"\ncurl -G https://prometheus.example.com/api/v1/query --data-urlencode "query=$query"\n```\n\n' +
          '```promql\nsum(rate(http_requests_total[5m])\n```\n',
        problems: [
          { at: '4:30', message: 'Did you mean `service`?', messageId: 'unknownLabel' },
          { at: '4:49', message: 'Did you mean `status`?', messageId: 'unknownLabel' },
          { at: '8:17', message: 'Did you mean `http_requests_total`?', messageId: 'unknownMetric' },
          { at: '13:33', message: 'PromQL syntax error', messageId: 'syntax' },
        ],
      },
      {
        title: 'An alert rule on the colour label',
        path: 'src/data/alerts/api.rules.yml',
        source: rules('sum(rate(http_requests_total{color="blue"}[5m])) > 1'),
        problems: [{ at: '6:40', message: 'Did you mean `pod`?', messageId: 'unknownLabel' }],
      },
      {
        title: 'A value outside a closed set',
        source: '# Errors\n\n```promql\nsum(rate(http_requests_total{namespace="prod"}[5m]))\n```\n',
        problems: [{ at: '4:41', message: 'Did you mean `production`?', messageId: 'valueOutsideSet' }],
      },
    ],
  },
  checkFile(file, project, report) {
    const platform = platformOf(project);
    if (!platform || file.status !== 'ok') return;
    const recorded = project.facts.get(RECORDED_METRICS);
    for (const q of queriesOf(file, project)) {
      if (q.lang === 'logql' || (q.lang === 'auto' && isLogql(q.text))) continue;
      for (const p of checkPromql(q.text, platform, recorded)) report(file, { offset: q.at(p.offset) }, p.id, p.data, { hint: p.hint });
    }
  },
  checkProject(project, report) {
    const platform = platformOf(project);
    if (!platform) return;
    const recorded = project.facts.get(RECORDED_METRICS);
    for (const file of project.alertRules) {
      if (file.data === undefined || !project.targets.has(file.path)) continue;
      for (const q of ruleExpressions(file)) for (const p of checkPromql(q.text, platform, recorded)) report(file, { offset: q.at(p.offset) }, p.id, p.data, { hint: p.hint });
    }
    if (!project.scripts.some((s) => project.targets.has(s.path))) return;
    const scripts = project.facts.get(SCRIPT_QUERIES);
    for (const script of project.scripts) {
      if (!project.targets.has(script.path)) continue;
      for (const q of scripts.get(script.path) ?? []) {
        if (isLogql(q.text)) continue;
        for (const p of checkPromql(q.text, platform, recorded)) report(script, { offset: q.at(p.offset) }, p.id, p.data, { hint: p.hint });
      }
    }
  },
});
