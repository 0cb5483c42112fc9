import { defineCheck } from '../engine/check.ts';
import { destructive } from '../commands/danger.ts';
import { blocksFor, type BlockAnalysis } from '../commands/model.ts';
import { scriptsFor, silencedInScript } from '../commands/scripts.ts';
import type { SourceRef } from '../engine/types.ts';
import { promptVariable, testsVariable } from '../commands/confirmation.ts';

const RULE = 'commands/confirmation';

export default defineCheck({
  id: RULE,
  description: 'An interactive confirmation (`read -p … answer`) before a destructive command gates it: the answer is tested before the command runs.',
  severity: 'error',
  local: true,
  messages: {
    ungated: 'confirmation confirms nothing: the answer `{variable}` is never tested before `{what}` (line {line}), which runs whatever was typed. Gate it: `[[ ${variable} == yes ]] && …` on the command\'s line',
  },
  docs: {
    why:
      'A prompt such as `read -r -p "Drop the database? Type yes: " answer` followed by `psql -c "DROP DATABASE …"` looks like a safety step, ' +
      'but pasted as a block it runs the DROP whatever the answer was, even "no". The reader is reassured by a check that cannot stop anything.',
    fix:
      'Test the answer on the line of the destructive command: `[[ $answer == yes ]] && psql … -c "DROP DATABASE …"`, or wrap the command in ' +
      '`if [[ $answer == yes ]]; then … fi`. (`exit` is no gate in an interactive shell: it closes the terminal.)',
    good: [
      {
        title: 'The answer gates the DROP',
        source:
          '# Clean up\n\n:::danger\nThe database is gone.\n:::\n\n```bash\nread -r -p "Drop platform_restore? Type yes: " answer\n' +
          '[[ $answer == yes ]] && psql -h pg-primary.production.example.com -U postgres -d postgres -c "DROP DATABASE platform_restore;"\n```\n',
      },
    ],
    bad: [
      {
        title: 'A prompt whose answer nobody reads',
        source:
          '# Clean up\n\n:::danger\nThe database is gone.\n:::\n\n```bash\nread -r -p "Drop platform_restore? Type yes: " answer\n' +
          'psql -h pg-primary.production.example.com -U postgres -d postgres -c "DROP DATABASE platform_restore;"\n```\n',
        problems: [{ at: '8:1', message: 'the answer `answer` is never tested before `DROP DATABASE in SQL passed to psql` (line 9)' }],
      },
    ],
  },
  checkFile(file, project, report) {
    scan(blocksFor(file, project, RULE), file, (at, data) => report(file, at, 'ungated', data));
  },
  checkProject(project, report) {
    for (const { script, analyses } of scriptsFor(project)) scan(analyses, script, (at, data) => void (silencedInScript(script, RULE, at.offset) || report(script, at, 'ungated', data)));
  },
});

/** Reports each prompt whose answer is never tested before the destructive command after it, in one page or script. */
function scan(analyses: BlockAnalysis[], ref: SourceRef, emit: (at: { offset: number }, data: { variable: string; what: string; line: number }) => void) {
  for (const a of analyses) {
    a.commands.forEach((c, k) => {
      const variable = promptVariable(c);
      if (variable === null) return;
      const next = a.commands.slice(k + 1).find((n) => destructive(n));
      if (!next) return;
      const d = destructive(next)!;
      if (testsVariable(a.block.text.slice(c.command.end, next.command.start), variable)) return;
      const line = ref.lines.position(a.at(next.command.start).offset).line;
      emit(a.at(c.command.start), { variable, what: d.what, line });
    });
  }
}
