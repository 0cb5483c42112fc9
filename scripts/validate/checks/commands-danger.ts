import { defineCheck } from '../engine/check.ts';
import { commandFacts } from '../commands/catalog-facts.ts';
import { confirmsItself, destructive, isSafetyStep, targetsProduction } from '../commands/danger.ts';
import { analyze } from '../commands/model.ts';
import { answerIsTested, promptVariable } from '../commands/confirmation.ts';

const RULE = 'commands/danger';

export default defineCheck({
  id: RULE,
  description:
    'Destructive commands sit under a `:::danger` or `:::warning` admonition in their section; on production they follow a dry run or a confirmation step.',
  severity: 'error',
  local: true,
  messages: {
    unwarned: 'destructive command ({what}) must sit under a `:::danger` or `:::warning` admonition in the same section',
    unguardedProduction: 'destructive command ({what}) targets production ({target}) without a dry run or confirmation step before it in the section',
  },
  docs: {
    why:
      'Runbooks are read under stress and copied line by line. `kubectl delete`, `helm uninstall`, `rm -rf`, ' +
      '`DROP`/`TRUNCATE` through psql, `redis-cli FLUSHALL`, `git push --force`, `terraform destroy` and ' +
      'scaling to 0 cannot be undone; the reader must see the warning before the command, and on ' +
      'production run a dry run (or confirm) first.',
    fix:
      'Put a `:::danger` (or `:::warning`) admonition before the command in the same section, saying what is ' +
      'lost and how to check first. For production, show the dry run first (`--dry-run=server`, `kubectl diff`, ' +
      '`helm uninstall --dry-run`) or a confirmation whose answer gates the command (`read -r -p "Delete? Type yes: " answer` then ' +
      '`[[ $answer == yes ]] && kubectl delete …`, or `kubectl delete --interactive`). A bare `read` confirms nothing.',
    good: [
      {
        title: 'Warned, with a dry run first on production',
        source:
          '# Remove a stuck release\n\n:::danger\nThis removes every resource of the release.\n:::\n\n' +
          '```bash\nhelm -n production uninstall platform-green --dry-run\nhelm -n production uninstall platform-green\n```\n',
      },
    ],
    bad: [
      {
        title: 'No admonition, and no dry run on production',
        source:
          '# Clean up\n\n```bash\nkubectl -n staging delete pod <pod-name>\n```\n\n## Reset the cache\n\n:::warning\nUsers are logged out.\n:::\n\n' +
          '```bash\nredis-cli -h redis.production.example.com FLUSHALL\n```\n',
        problems: [
          { at: '4:1', message: 'must sit under a `:::danger` or `:::warning` admonition' },
          { at: '14:1', message: 'targets production (host `redis.production.example.com`)' },
        ],
      },
      {
        title: 'A prompt whose answer is never tested is no confirmation',
        source:
          '# Reset the cache\n\n:::warning\nUsers are logged out.\n:::\n\n' +
          '```bash\nread -r -p "Flush? Type yes: " answer\nredis-cli -h redis.production.example.com --tls FLUSHALL\n```\n',
        problems: [{ at: '9:1', message: 'targets production (host `redis.production.example.com`)' }],
      },
    ],
  },
  checkFile(file, project, report) {
    if (file.status !== 'ok' || !file.tree) return;
    const facts = commandFacts(project);
    // Safety steps seen so far, per section (blocks of a section share its start offset).
    const safe = new Set<number>();
    for (const a of analyze(file, project)) {
      for (const c of a.commands) {
        if (isSafetyStep(c)) {
          // A prompt counts only when its answer is tested (commands/confirmation says where it is not).
          if (promptVariable(c) !== null && !answerIsTested(a, c)) continue;
          safe.add(a.block.sectionStart);
          continue;
        }
        const d = destructive(c);
        if (!d) continue;
        if (a.block.admonitions.length === 0) {
          report(file, a.at(d.at), 'unwarned', { what: d.what });
          continue;
        }
        const prod = facts ? targetsProduction(c, facts) : null;
        if (prod && !safe.has(a.block.sectionStart) && !confirmsItself(c)) {
          report(file, a.at(d.at), 'unguardedProduction', { what: d.what, target: prod });
        }
      }
    }
  },
});
