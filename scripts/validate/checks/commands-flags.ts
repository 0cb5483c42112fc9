import { defineCheck } from '../engine/check.ts';
import { closest, withHint } from '../engine/suggest.ts';
import { blocksFor } from '../commands/model.ts';
import { specOrigin } from '../commands/specs.ts';

export default defineCheck({
  id: 'commands/flags',
  description: 'Subcommands and flags exist, and flags that need a value have one, per the completion spec of each tool (@withfig/autocomplete + local overrides).',
  severity: 'error',
  docs: {
    why:
      '`kubectl get pods --namespce production` fails with "unknown flag"; `helm rolback` prints the help ' +
      'page. During an incident the reader then has to debug the runbook instead of the system. Flags are ' +
      'checked against maintained completion specs (Fig) with local corrections ' +
      '(scripts/validate/commands/overrides.ts) for the versions in src/data/toolbox.yml.',
    fix:
      'Use the subcommand or flag the message suggests. If the spec is wrong (the flag exists in the ' +
      'version of src/data/toolbox.yml), correct it in scripts/validate/commands/overrides.ts.',
    good: [
      {
        title: 'Long, short, combined and `=` flags, persistent flags and `--`',
        source:
          '# Debug\n\n```bash\nkubectl -n staging get pods -o wide --sort-by=.status.startTime\n' +
          'kubectl -n staging exec -it deploy/worker -- psql -h pg.staging.example.com -c "select 1"\n' +
          'helm --kube-context staging -n staging history platform --max 5\ngit log --oneline -5\n```\n',
      },
    ],
    bad: [
      {
        title: 'A misspelt flag, a misspelt subcommand and a flag without its value',
        source: '# Roll back\n\n```bash\nkubectl get pods --namespce staging\nhelm rolback platform 3\nkubectl -n staging logs deploy/web --tail\n```\n',
        problems: [
          { at: '4:18', message: 'Did you mean `--namespace`?' },
          { at: '5:6', message: 'unknown subcommand `rolback` for `helm`. Did you mean `rollback`?' },
          { at: '6:36', message: 'flag `--tail` needs a value' },
        ],
      },
    ],
  },
  checkFile(file, project, report) {
    for (const a of blocksFor(file, project, 'commands/flags')) {
      for (const c of a.commands) {
        if (!c.interp) continue;
        c.interp.problems.forEach((p, i) => {
          const candidates = c.interp!.candidates.get(i);
          const word = p.message.match(/`([^`]+)`/)?.[1] ?? '';
          const suggestion = candidates ? closest(word, candidates) : undefined;
          const hint = suggestion ? ` Did you mean \`${suggestion}\`?` : '';
          if (p.complete) report(file, a.at(p.start), withHint(p.message, hint));
          else {
            // The spec may have gaps here: a warning that says where the list comes from.
            const gap = p.gap ?? `not in ${specOrigin(c.interp!.tool)}`;
            report(file, a.at(p.start), withHint(`${p.message} (${gap}; if ${c.interp!.tool} documents it, add it in scripts/validate/commands/overrides.ts)`, hint), { severity: 'warning' });
          }
        });
      }
    }
  },
});
