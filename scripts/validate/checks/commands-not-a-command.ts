import { defineCheck } from '../engine/check.ts';
import { blocksFor } from '../commands/model.ts';
import { FENCE_FOR, KIND_NAME, type NonCommandKind } from '../commands/not-commands.ts';

export default defineCheck({
  id: 'commands/not-a-command',
  description: 'A `bash`, `sh` or `shell` block holds only commands: output, YAML, JSON or PromQL lines belong in a block of their own kind.',
  severity: 'error',
  local: true,
  messages: {
    notACommand: 'line {line} of this `{lang}` block is {what}, not a command{many}: use {fence}',
  },
  docs: {
    why:
      'A reader copies the whole block into a terminal: `NAME  READY  STATUS` or `apiVersion: v1` then run as ' +
      'commands, and the shell prints errors in the middle of an incident. The other command checks would ' +
      'also flag every such line as an unknown command; this check reports the block once, says what the ' +
      'lines are, and those lines are left out of the other checks. Heredoc bodies and multi-line quoted ' +
      'strings (`kubectl apply -f - <<EOF`, `-p \'{…}\'`) are data for the command and are fine.',
    fix:
      'Show output in a ```console block, with `$ ` before each command and the output lines as they are ' +
      '(or move the output to a ```text block). Put a manifest in a ```yaml block, a response body in ```json ' +
      'and a query in ```promql, and keep the commands that use them in a ```bash block of their own.',
    good: [
      {
        title: 'Output in a console block, a manifest in a heredoc, a query in promql',
        source:
          '# Check\n\n```console\n$ kubectl -n staging get pods\nNAME                   READY   STATUS    RESTARTS   AGE\nweb-7d9f6c5b8-x2k4q    1/1     Running   0          5m\n```\n\n' +
          '```bash\nkubectl -n staging apply -f - <<EOF\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-flags\nEOF\n```\n\n' +
          '```promql\nsum(rate(http_requests_total{job="web"}[5m]))\n```\n\n' +
          '```bash\nread -r -p "Type yes: " answer\n[ "$answer" = yes ] && echo confirmed\n[[ -f ./backup.dump ]] || echo missing\n```\n',
      },
    ],
    bad: [
      {
        title: 'Output pasted under the command, and a PromQL query in a bash block',
        source:
          '# Check\n\n```bash\nkubectl -n staging get pods\nNAME                   READY   STATUS    RESTARTS   AGE\nweb-7d9f6c5b8-x2k4q    1/1     Running   0          5m\n```\n\n' +
          '```sh\nsum(rate(http_requests_total{job="web",code=~"5.."}[5m]))\n```\n',
        problems: [
          { at: '5:1', message: 'line 2 of this `bash` block is command output, not a command (2 such lines): use ```console with `$ ` before each command' },
          { at: '10:1', message: 'line 1 of this `sh` block is PromQL, not a command: use ```promql' },
        ],
      },
      {
        title: 'A manifest without the command that applies it',
        source: '# Deploy\n\n```bash\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n```\n',
        problems: [{ at: '4:1', message: 'line 1 of this `bash` block is YAML, not a command (4 such lines): use ```yaml' }],
      },
    ],
  },
  checkFile(file, project, report) {
    for (const a of blocksFor(file, project, 'commands/not-a-command')) {
      const first = a.nonCommands[0];
      if (!first) continue;
      const counts = new Map<NonCommandKind, number>();
      for (const l of a.nonCommands) counts.set(l.kind, (counts.get(l.kind) ?? 0) + 1);
      const kind = [...counts.entries()].sort((x, y) => y[1] - x[1])[0]![0];
      const kinds = [...counts.keys()].map((k) => KIND_NAME[k]);
      const what = kinds.length > 1 ? kinds.join(' and ') : KIND_NAME[first.kind];
      const many = a.nonCommands.length > 1 ? ` (${a.nonCommands.length} such lines)` : '';
      report(file, a.at(first.start), 'notACommand', { line: first.line + 1, lang: a.block.lang, what, many, fence: FENCE_FOR[kind] });
    }
  },
});
