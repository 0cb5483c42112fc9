import type { Node, Parent } from 'mdast';
import { defineCheck } from '../engine/check.ts';
import type { DocFile } from '../engine/types.ts';
import { analyze, blocksFor } from '../commands/model.ts';

const RULE = 'commands/placeholders';

/** Variables the shell or common tools set: using them needs no explanation. */
const ENVIRONMENT = new Set(
  'HOME PATH USER PWD OLDPWD SHELL HOSTNAME RANDOM SECONDS LINENO UID EUID PPID IFS TMPDIR EDITOR PAGER LANG TERM REPLY OPTARG OPTIND BASH_SOURCE FUNCNAME PIPESTATUS KUBECONFIG'.split(' '),
);

/** The page's text outside code blocks (prose, lists, tables, inline code), for "is it explained?". */
function proseOf(file: DocFile): string {
  const parts: string[] = [];
  const visit = (node: Node) => {
    if (node.type === 'code') return;
    if ('value' in node && typeof node.value === 'string' && node.type !== 'html') parts.push(node.value);
    if ('children' in node) for (const child of (node as Parent).children) visit(child);
  };
  if (file.tree) visit(file.tree);
  return parts.join('\n');
}

function explained(text: string, name: string, token: string): boolean {
  if (text.includes(token)) return true;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`, /^[A-Z0-9_]+$/.test(name) ? '' : 'i').test(text);
}

export default defineCheck({
  id: RULE,
  description: 'Placeholders used in commands (`<pod-name>`, `{{name}}`, `$VAR`, `${VAR}`) are explained on the page.',
  severity: 'warning',
  local: true,
  messages: {
    unexplained: 'placeholder `{token}` is not explained on the page; say what to put there (a "Variables" table or the sentence before the block)',
  },
  docs: {
    why:
      'A reader who does not know what to put in `<release>` or `$NS` guesses, during an incident. Each ' +
      'placeholder needs one sentence on the page: a "Variables" table, or the prose before the block.',
    fix:
      'Explain the placeholder on the page (a table row or a sentence naming it, e.g. "`<pod-name>`: the ' +
      'pod from the alert"), or set the variable in a block (`NS=production`). Shell variables such as ' +
      '`$HOME` need no explanation.',
    good: [
      {
        title: 'A Variables table and a variable set by the page',
        source:
          '# Restart\n\n| Variable | Meaning |\n| --- | --- |\n| `<pod-name>` | The pod named in the alert. |\n\n' +
          '```bash\nNS=staging\nkubectl -n "$NS" delete pod <pod-name>\ncd "$HOME"\n```\n',
      },
    ],
    bad: [
      {
        title: 'Placeholders nobody explains',
        source: '# Restart\n\n```bash\nkubectl -n "$NS" logs <pod-name> --since={{window}}\n```\n',
        problems: [
          { at: '4:13', message: '`$NS` is not explained on the page' },
          { at: '4:23', message: '`<pod-name>` is not explained on the page' },
          { at: '4:42', message: '`{{window}}` is not explained on the page' },
        ],
      },
    ],
  },
  checkFile(file, project, report) {
    const blocks = blocksFor(file, project, RULE);
    if (blocks.length === 0) return;
    const text = proseOf(file);
    const assigned = new Set(analyze(file, project).flatMap((a) => [...a.parsed.assigned]));
    const reported = new Set<string>();
    for (const a of blocks) {
      const items = [
        ...a.parsed.placeholders.filter((p) => p.kind !== 'ellipsis').map((p) => ({ name: p.name, token: p.token, start: p.start })),
        ...a.parsed.variables
          .filter((v) => !assigned.has(v.name) && !ENVIRONMENT.has(v.name))
          .map((v) => ({ name: v.name, token: a.parsed.text.slice(v.start, v.end), start: v.start })),
      ].sort((x, y) => x.start - y.start);
      for (const p of items) {
        if (reported.has(p.name) || explained(text, p.name, p.token)) continue;
        // Once per page; an occurrence a validate-ignore marker silences does not count.
        if (report(file, a.at(p.start), 'unexplained', { token: p.token })) reported.add(p.name);
      }
    }
  },
});
