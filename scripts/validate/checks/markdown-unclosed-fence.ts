import type { Code } from 'mdast';
import { visit } from 'unist-util-visit';
import { defineCheck } from '../engine/check.ts';

/** Strips block-quote markers and indentation that prefix a line inside containers. */
const stripContainers = (line: string) => line.replace(/^(?:\s{0,3}>\s?)*/, '').trimStart();

export default defineCheck({
  id: 'markdown/unclosed-fence',
  description: 'Every fenced code block is closed.',
  severity: 'error',
  local: true,
  messages: {
    unclosed: 'code fence {fence} opened on line {line} is never closed; everything after it renders as code. Add a closing {fence}',
  },
  docs: {
    why:
      'An unclosed ``` fence turns the rest of the page into one code block: headings, warnings and ' +
      'later steps disappear from the rendered runbook, and the command checks see prose as commands.',
    fix: 'Add the closing fence (the same character, at least as many as the opening) after the last line of the block.',
    good: [{ title: 'A closed block', source: '---\ntype: guide\n---\n\n```bash\nkubectl get pods -n production\n```\n\n## Next\n' }],
    bad: [
      {
        title: 'The closing fence is missing',
        source: '---\ntype: guide\n---\n\n```bash\nkubectl get pods -n production\n\n## Next\n',
        problems: [{ at: '5:1', message: 'never closed' }],
      },
      {
        title: 'Inside a list item',
        source: '---\ntype: guide\n---\n\n1. Check the pods:\n\n   ```bash\n   kubectl get pods\n',
        problems: [{ at: '7:4', message: 'never closed' }],
      },
    ],
  },
  checkFile(file, _project, report) {
    if (!file.tree) return;
    visit(file.tree, 'code', (node: Code) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) return;
      const text = file.source.slice(start, end);
      const open = /^(`{3,}|~{3,})/.exec(stripContainers(text));
      if (!open) return; // indented code block
      const lines = text.split(/\r?\n/);
      const last = stripContainers(lines.at(-1) ?? '');
      const fence = open[1]!;
      const closed =
        lines.length > 1 && last.startsWith(fence[0]!.repeat(fence.length)) && new RegExp(`^\\${fence[0]}+\\s*$`).test(last);
      if (!closed) {
        report(file, { node }, 'unclosed', { fence, line: node.position!.start.line });
      }
    });
  },
});
