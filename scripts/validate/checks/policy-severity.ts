import { defineCheck } from '../engine/check.ts';
import { platformOf } from '../engine/platform.ts';
import { contradictions, severityUnits, situationsIn } from '../policy/severity.ts';
import { severityText } from '../../../core/schemas/platform.ts';

const RULE = 'policy/severity';

export default defineCheck({
  id: RULE,
  description: 'A sentence or table row that names a known situation (src/data/platform.yml `situations`) and states a severity level states the model\'s level, best through `:severity{situation=…}`.',
  severity: 'error',
  local: true,
  messages: {
    contradicts: '`{level}` contradicts the severity of `{id}` ({example}): it is {severity} (src/data/platform.yml: situations). Write `:severity{situation={id}}`',
  },
  docs: {
    why:
      'When the severity page calls a stopped worker SEV2 and the architecture page calls it SEV3, the on-call engineer who reads the second one ' +
      'pages nobody out of hours, and the incident is handled as a partial degradation while jobs pile up. ' +
      'The severity of each situation is stated once, in `situations` of src/data/platform.yml; the severity table renders it (`::platform-severity-levels`).',
    fix:
      'Write the level with the directive, e.g. `| Redis | … | :severity{situation=redis-down} |`, so the page renders the model\'s level. ' +
      'If the severity itself changed, change it in src/data/platform.yml in the same pull request (the severity table follows).',
    good: [
      {
        title: 'The level of the model, with the directive or written as it is',
        source: '# Failure domains\n\n| Fails | Usual severity |\n| --- | --- |\n| Redis: sessions lost, jobs not queued | :severity{situation=redis-down} |\n| A single pod restarting | SEV4 |\n\nWhen the worker stopped and jobs pile up, it is SEV2.\n',
      },
    ],
    bad: [
      {
        title: 'Levels that contradict the model',
        source: '# Failure domains\n\n| Fails | Usual severity |\n| --- | --- |\n| Redis: sessions lost, jobs not queued | SEV3 |\n\nA worker stopped with jobs piling up is SEV3.\n',
        problems: [
          { at: '5:43', message: 'it is SEV2 (src/data/platform.yml: situations). Write `:severity{situation=redis-down}`. Did you mean `SEV2`?' },
          { at: '7:41', message: '`SEV3` contradicts the severity of `worker-stopped`' },
        ],
      },
    ],
  },
  checkFile(file, project, report) {
    const platform = platformOf(project);
    if (!platform || file.status !== 'ok' || !/SEV[1-4]/.test(file.source)) return;
    // Only the situations whose words all occur somewhere on the page can be named by one of its units.
    const candidates = situationsIn(file.source.toLowerCase(), platform);
    if (candidates.length === 0) return;
    for (const unit of severityUnits(file, project)) {
      for (const { id, situation, at } of contradictions(unit, candidates)) {
        const severity = severityText(situation);
        report(file, { offset: at.offset }, 'contradicts', { level: at.level, id, example: situation.example, severity }, { hint: ` Did you mean \`${severity}\`?` });
      }
    }
  },
});
