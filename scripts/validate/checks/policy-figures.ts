import { defineCheck } from '../engine/check.ts';
import { platformOf } from '../engine/platform.ts';
import { figuresIn, figureUnits } from '../policy/figures.ts';

const RULE = 'policy/figures';

export default defineCheck({
  id: RULE,
  description: 'A sentence, table row or heading about a known policy (escalation, post-mortem, CVE deadlines, maintenance notice, thresholds) states the figure of src/data/platform.yml, best through `:policy{id=…}`.',
  severity: 'error',
  local: true,
  messages: {
    contradicts: '`{figure}` contradicts the policy `{id}` ({about}): the policy `{id}` is {value} (src/data/platform.yml, decided on {owner}). Write `:policy{id={id}}`.',
  },
  docs: {
    why:
      'When one page says "escalate after 15 minutes" and another "after 30", the on-call engineer follows whichever they read first, ' +
      'and the post-incident review argues about which was right. Policy figures live once, in `policies` of src/data/platform.yml.',
    fix:
      'Every figure of a policy is held to its kind: `above 5% for 5 minutes` needs both the 5% and the 5 minutes. A policy\'s `unless` words ' +
      '(`baseline`, `below`) mark sentences about something else, which are not checked; a mark on a timeline (`T+15 min`) is no duration. ' +
      'Write the figure with the directive, e.g. `within :policy{id=post-mortem-deadline}`, so the page renders the one value. ' +
      'If the policy itself changed, change it in src/data/platform.yml (and on its owner page) in the same pull request.',
    good: [
      {
        title: 'The figure from the model, written with the directive or matching it',
        source: '# After the incident\n\nWrite the post-mortem within :policy{id=post-mortem-deadline}.\n\nEscalate after 30 minutes without progress.\n',
      },
    ],
    bad: [
      {
        title: 'Figures that contradict the policies',
        source: '# After the incident\n\nWrite the post-mortem within 5 working days.\n\nEscalate after 15 minutes without progress on a SEV1.\n',
        problems: [
          { at: '3:30', message: 'the policy `post-mortem-deadline` is 48 hours' },
          { at: '5:16', message: 'the policy `escalation-timer` is 30 minutes' },
        ],
      },
      {
        title: 'A threshold right in its percentage and wrong in its duration',
        source: '# Triggers\n\n| Trigger | Threshold |\n| --- | --- |\n| Error rate (5xx) | Above 5% for 10 minutes |\n',
        problems: [{ at: '5:35', message: 'the policy `error-rate-rollback` is above 5% for 5 minutes' }],
      },
    ],
  },
  checkFile(file, project, report) {
    const platform = platformOf(project);
    if (!platform || file.status !== 'ok') return;
    // Only the policies whose words all occur somewhere on the page can be stated by one of its sentences.
    const lower = file.source.toLowerCase();
    const policies = Object.entries(platform.policies)
      .filter(([, p]) => p.match.some((words) => words.every((w) => lower.includes(w.toLowerCase()))))
      .map(([id, p]) => ({ id, p, figures: figuresIn(p.value) }));
    if (policies.length === 0) return;
    for (const unit of figureUnits(file, project)) {
      for (const { id, p, figures } of policies) {
        if (!p.match.some((words) => words.every((w) => unit.text.includes(w.toLowerCase())))) continue;
        if (p.unless?.some((w) => unit.text.includes(w.toLowerCase()))) continue;
        // Each figure of the policy (`above 5% for 5 minutes`: a percentage and a duration) is held to its own kind.
        for (const figure of figures) {
          const sameKind = unit.figures.filter((f) => f.kind === figure.kind);
          if (sameKind.length === 0 || sameKind.some((f) => f.key === figure.key)) continue;
          const first = sameKind[0]!;
          report(file, { offset: first.offset }, 'contradicts', { figure: first.text, id, about: p.about, value: p.value, owner: p.owner_page });
        }
      }
    }
  },
});
