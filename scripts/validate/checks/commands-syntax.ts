import { defineCheck } from '../engine/check.ts';
import { blocksFor } from '../commands/model.ts';

export default defineCheck({
  id: 'commands/syntax',
  description: 'Shell blocks (`bash`, `sh`, `shell`, `zsh`, `console`) parse with a real shell grammar (tree-sitter-bash).',
  severity: 'error',
  local: true,
  messages: {
    syntax: 'shell syntax: {error}',
  },
  docs: {
    why:
      'A command copied at 3 a.m. from a runbook must run as written. An unclosed quote or `$(` makes the ' +
      'shell wait for more input or run something else; nobody notices until the incident. Runbook ' +
      'placeholders (`<pod-name>`, `${VAR}`, `{{name}}`, `...`) are understood and are not syntax errors.',
    fix:
      'Close the quote, `$(`, `if`/`fi` or heredoc the message points at. In `console` blocks, only lines ' +
      'starting with `$ ` or `# ` are commands; the rest is output. Output, YAML, JSON or PromQL lines in a ' +
      '`bash` block are reported once by commands/not-a-command and left out here. If a block is not shell at all, tag it ' +
      '`text`; if it must stay as is, opt out with `<!-- validate-ignore commands/syntax: <reason> -->`.',
    good: [
      {
        title: 'Placeholders, continuations, heredocs and pipelines',
        source:
          '# Restart\n\n1. Restart the pod:\n\n   ```bash\n   kubectl -n staging delete pod <pod-name> \\\n     --wait=false && echo "$(date -u) ${NS}"\n' +
          '   psql -h pg.staging.example.com <<SQL\n   SELECT 1;\n   SQL\n   ```\n\n```console\n$ redis-cli -h redis.staging.example.com ping\nPONG\n```\n',
      },
    ],
    bad: [
      {
        title: 'An unclosed quote inside a list item, reported where it opens',
        source: '# Logs\n\n- Follow the logs:\n\n  ```bash\n  kubectl logs deploy/web -n staging | grep "error\n  ```\n',
        problems: [{ at: '6:45', message: 'unterminated quoted string' }],
      },
      {
        title: 'A console block where a command line breaks the syntax',
        source: '# Check\n\n> ```console\n> $ if true; then echo ok\n> ok\n> ```\n',
        problems: [{ at: '4:5', message: 'missing `fi`' }],
      },
    ],
  },
  checkFile(file, project, report) {
    for (const a of blocksFor(file, project, 'commands/syntax')) {
      const first = a.parsed.errors[0];
      if (first) report(file, a.at(first.start), 'syntax', { error: first.message });
    }
  },
});
