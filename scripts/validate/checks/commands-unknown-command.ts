import { defineCheck } from '../engine/check.ts';
import { distance } from 'fastest-levenshtein';
import { closest } from '../engine/suggest.ts';
import { BUILTINS, blocksFor } from '../commands/model.ts';
import { TOOLBOX_FILE, toolbox } from '../commands/specs.ts';

export default defineCheck({
  id: 'commands/unknown-command',
  description: 'Every command in a shell block is a shell builtin, a tool of src/data/toolbox.yml, a function the page defines or a script in the repo.',
  severity: 'error',
  local: true,
  messages: {
    unknownCommand: 'unknown command `{name}`: not a shell builtin, a tool of {toolbox} or a script in the repository',
    invalidToolbox: '{toolbox} is invalid, commands cannot be checked: {error}',
  },
  docs: {
    why:
      'A misspelt command (`kubctl`) fails at the worst moment, and a tool nobody declared has no known ' +
      'version: the flags the page shows may not exist in the version on-call engineers have installed. ' +
      'The toolbox lists each tool with the version the docs are written against.',
    fix:
      'Fix the spelling, or add the tool to src/data/toolbox.yml with its version (and the completion spec ' +
      'its flags are checked against, or `spec: none` with a reason). Scripts are named by their path in the ' +
      'repository (`./scripts/…`).',
    good: [
      {
        title: 'Tools, builtins, wrappers and a function defined on the page',
        source:
          '# Check\n\n```bash\nretry() { for i in 1 2 3; do "$@" && return; sleep 5; done; }\n' +
          'retry kubectl -n staging get pods\nsudo -E watch -n 5 kubectl -n staging get pods\n```\n',
      },
    ],
    bad: [
      {
        title: 'A typo, and a tool missing from the toolbox',
        source: '# Check\n\n```bash\nkubctl -n staging get pods\nkubectl -n staging get pods | fzf\n```\n',
        problems: [
          { at: '4:1', message: 'Did you mean `kubectl`?' },
          { at: '5:31', message: 'unknown command `fzf`' },
        ],
      },
    ],
  },
  checkFile(file, project, report) {
    const known = [...Object.keys(toolbox.tools), ...BUILTINS];
    for (const a of blocksFor(file, project, 'commands/unknown-command')) {
      for (const c of a.commands) {
        // Commands run inside a container (`kubectl exec … -- cmd`) are not local tools.
        if (c.kind !== 'unknown' || c.name === null || c.wrappedBy?.startsWith('kubectl')) continue;
        // Short names need a close match: `fzf` is not a typo of `df`.
        const guess = closest(c.name, known);
        const plausible = guess !== undefined && distance(c.name, guess) <= Math.max(1, Math.floor(c.name.length / 4));
        report(file, a.at(c.command.name.start), 'unknownCommand', { name: c.name, toolbox: TOOLBOX_FILE }, { hint: plausible ? ` Did you mean \`${guess}\`?` : '' });
      }
    }
  },
  checkProject(project, report) {
    if (!toolbox.error) return;
    const first = project.files.find((f) => project.targets.has(f.path));
    if (first) report(first, { line: 1, column: 1 }, 'invalidToolbox', { toolbox: TOOLBOX_FILE, error: toolbox.error });
  },
});
