import { defineCheck } from '../engine/check.ts';
import { runbookIds } from '../engine/facts.ts';
import { frontmatterData, frontmatterValueOffset } from '../engine/frontmatter.ts';
import { resolveLink } from '../engine/resolve.ts';
import { didYouMean } from '../engine/suggest.ts';
import { RUNBOOK_ID_PATTERN } from '../../../core/schemas/frontmatter.ts';

const rb = (id: string) => `---\ntype: runbook\nrunbook_id: ${id}\n---\n\n## Diagnosis\n`;

export default defineCheck({
  id: 'frontmatter/related',
  description: '`related` entries name runbook ids that exist, or doc paths (with optional anchors) that resolve.',
  severity: 'error',
  messages: {
    unknownRunbook: '`related`: no runbook has the id {id}',
    brokenLink: '`related` entry `{entry}`: {reason}',
  },
  docs: {
    why: 'Related links are rendered on the page and followed during incidents; a dead one is a dead end.',
    fix: 'Use an existing runbook id (`RB-007`) or a relative path to the doc (`../rollback/helm-rollback.md#verification`).',
    good: [
      {
        title: 'An id and a path with an anchor',
        files: { 'docs/runbooks/rb-001.md': rb('RB-001') },
        path: 'docs/runbooks/rb-002.md',
        source: '---\ntype: guide\nrelated: [RB-001, ./rb-001.md#diagnosis]\n---\n',
      },
    ],
    bad: [
      {
        title: 'An id that does not exist and an anchor that does not',
        files: { 'docs/runbooks/rb-001.md': rb('RB-001') },
        path: 'docs/runbooks/rb-002.md',
        source: '---\ntype: guide\nrelated:\n  - RB-010\n  - ./rb-001.md#diagnostics\n---\n',
        problems: [
          { at: '4:5', message: 'no runbook has the id RB-010' },
          { at: '5:5', message: 'Did you mean `#diagnosis`?' },
        ],
      },
    ],
  },
  checkFile(file, project, report) {
    const related = frontmatterData(file)?.['related'];
    if (!Array.isArray(related)) return;
    const ids = runbookIds(project);
    related.forEach((entry, index) => {
      if (typeof entry !== 'string') return;
      // The position only for a problem: it needs the frontmatter's YAML document, parsed again.
      const at = () => ({ offset: frontmatterValueOffset(file, ['related', index]) });
      if (RUNBOOK_ID_PATTERN.test(entry)) {
        if (!ids.has(entry)) report(file, at(), 'unknownRunbook', { id: entry }, { hint: didYouMean(entry, ids) });
        return;
      }
      const result = resolveLink(project, file, entry);
      if (result.ok) return;
      report(file, at(), 'brokenLink', { entry, reason: result.message }, { hint: result.suggestion ? `Did you mean \`${result.suggestion}\`?` : '' });
    });
  },
});
