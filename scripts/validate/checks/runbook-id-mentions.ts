import type { Text } from 'mdast';
import { visit } from 'unist-util-visit';
import { defineCheck } from '../engine/check.ts';
import { RB_MENTIONS, runbookIds } from '../engine/facts.ts';
import { didYouMean } from '../engine/suggest.ts';

const rb = (id: string) => `---\ntype: runbook\nrunbook_id: ${id}\n---\n`;

export default defineCheck({
  id: 'runbook/id-mentions',
  description: 'A runbook id mentioned in prose ("see `RB-007`") belongs to an existing runbook.',
  severity: 'error',
  messages: {
    unknownId: 'no runbook has the id {id}',
  },
  docs: {
    why:
      'People follow "go to `RB-007`" literally. If it was never written, or the number is a typo, ' +
      'the reader searches for a procedure that does not exist.',
    fix: 'Correct the id, or write the runbook. Better still, make the mention a link: `[RB-007](../runbooks/rb-007-….md)`.',
    good: [{ title: 'An existing id', files: { 'docs/runbooks/rb-007.md': rb('RB-007') }, source: '---\ntype: guide\n---\n\nIf connections run out, follow RB-007.\n' }],
    bad: [
      {
        title: 'An id no runbook has',
        files: { 'docs/runbooks/rb-007.md': rb('RB-007') },
        source: '---\ntype: guide\n---\n\nIf connections run out, follow RB-070.\n',
        problems: [{ at: '5:32', message: 'Did you mean `RB-007`?' }],
      },
    ],
  },
  checkFile(file, project, report) {
    if (file.status !== 'ok') return;
    const ids = runbookIds(project);
    // Every id of a text node is among the file's mentions (an indexed fact): when each of those
    // exists, the tree (not read for an unchanged doc) has nothing to report.
    if (project.facts.of(RB_MENTIONS, file).every((id) => ids.has(id)) || !file.tree) return;
    visit(file.tree, 'text', (node: Text) => {
      const start = node.position?.start.offset;
      if (start === undefined) return;
      // Text values may differ from the source (escapes): find each id in the source, left to right.
      let from = start;
      for (const match of node.value.matchAll(/\bRB-\d{3}\b/g)) {
        const found = file.source.indexOf(match[0], from);
        const offset = found >= 0 ? found : start;
        from = offset + match[0].length;
        if (ids.has(match[0])) continue;
        report(file, { offset }, 'unknownId', { id: match[0] }, { hint: didYouMean(match[0], ids) });
      }
    });
  },
});
