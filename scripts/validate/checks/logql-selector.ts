import { isMap, isScalar } from 'yaml';
import { defineCheck } from '../engine/check.ts';
import { platformOf } from '../engine/platform.ts';
import { QUERY_MESSAGES, checkLogSelector, isLogql } from '../promql/analyze.ts';
import { SCRIPT_QUERIES, queriesOf } from '../promql/sources.ts';

export default defineCheck({
  id: 'logql/selector',
  description: 'LogQL stream selectors (the catalog\'s `logs` of each service, shown in runbook headers; ```logql blocks; queries in commands) use the log labels of the platform model, with values from their closed sets.',
  severity: 'error',
  local: true,
  messages: { unknownLabel: QUERY_MESSAGES.unknownLabel, valueOutsideSet: QUERY_MESSAGES.valueOutsideSet },
  docs: {
    why:
      'A stream selector on a label the log streams do not carry (`service=` where the streams have `app=`) matches no stream: ' +
      'Grafana shows "no logs", which reads like "no errors". The runbook header links every service\'s base query, so one wrong label misleads every runbook.',
    fix: 'Use the log labels of src/data/platform.yml (`log_labels`, rendered by `::platform-log-labels`); the message suggests the closest.',
    good: [{ title: 'A selector on the log labels', source: '# Logs\n\n```logql\n{namespace="production", app="api-gateway"} |= "error"\n```\n' }],
    bad: [
      {
        title: 'A label the streams lack and a value outside its set',
        source: '# Logs\n\n```logql\n{namespace="prod", service="api-gateway"} |= "error"\n```\n',
        problems: [
          { at: '4:13', message: 'Did you mean `production`?', messageId: 'valueOutsideSet' },
          { at: '4:20', message: 'a log stream has no label `service`', messageId: 'unknownLabel' },
        ],
      },
    ],
  },
  checkFile(file, project, report) {
    const platform = platformOf(project);
    if (!platform || file.status !== 'ok') return;
    for (const q of queriesOf(file, project)) {
      if (q.lang === 'promql' || (q.lang === 'auto' && !isLogql(q.text))) continue;
      for (const p of checkLogSelector(q.text, platform)) report(file, { offset: q.at(p.offset) }, p.id as 'unknownLabel' | 'valueOutsideSet', p.data, { hint: p.hint });
    }
  },
  checkProject(project, report) {
    const platform = platformOf(project);
    if (!platform) return;
    const catalog = project.catalog;
    const services = catalog?.doc.get('services', true);
    if (catalog && project.targets.has(catalog.path) && isMap(services)) {
      for (const pair of services.items) {
        const logs = isMap(pair.value) ? pair.value.get('logs', true) : undefined;
        if (!isScalar(logs) || typeof logs.value !== 'string') continue;
        const start = logs.range?.[0] ?? 0;
        const quoted = /^['"]/.test(catalog.text[start] ?? '') ? 1 : 0;
        for (const p of checkLogSelector(logs.value, platform)) report(catalog, { offset: start + quoted + p.offset }, p.id as 'unknownLabel' | 'valueOutsideSet', p.data, { hint: p.hint });
      }
    }
    if (!project.scripts.some((s) => project.targets.has(s.path))) return;
    const scripts = project.facts.get(SCRIPT_QUERIES);
    for (const script of project.scripts) {
      if (!project.targets.has(script.path)) continue;
      for (const q of scripts.get(script.path) ?? []) if (isLogql(q.text)) for (const p of checkLogSelector(q.text, platform)) report(script, { offset: q.at(p.offset) }, p.id as 'unknownLabel' | 'valueOutsideSet', p.data, { hint: p.hint });
    }
  },
});
