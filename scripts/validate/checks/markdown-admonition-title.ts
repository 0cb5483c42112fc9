import { ADMONITION_KEYWORDS } from '../../../core/markdown/dialect.js';
import type { Paragraph } from 'mdast';
import { visit } from 'unist-util-visit';
import { defineCheck } from '../engine/check.ts';

/** The admonition types of the classic theme. */
const TYPES: readonly string[] = ADMONITION_KEYWORDS;
const LEGACY = new RegExp(`^:::(${TYPES.join('|')})[ \\t]+(\\S.*)$`, 'm');

const fm = '---\ntype: guide\ntitle: Example\ndescription: Example.\nowner: platform-sre\nlast_reviewed: 2026-11-01\nreview_interval: 90d\n---\n';

export default defineCheck({
  id: 'markdown/admonition-title',
  description: 'Admonition titles use the directive label syntax, `:::danger[Title]`.',
  severity: 'error',
  local: true,
  messages: {
    legacyTitle: 'admonition title after a space (`:::{kind} {title}`) is a legacy form that only Docusaurus reads; write `:::{kind}[{title}]`',
  },
  docs: {
    why:
      'Docusaurus still renders the legacy `:::danger Title` form, but no other Markdown tool reads it as an admonition: ' +
      'to the checks (and editors) it is a paragraph of text. The warning above a destructive command then does not ' +
      'count, and `commands/danger` reports the command as unwarned although the page looks right.',
    fix: 'Put the title in brackets right after the type: `:::danger[Deletes the pods]`.',
    good: [{ title: 'A titled admonition', source: `${fm}\n:::danger[Deletes the pods]\n\nThey are recreated.\n\n:::\n` }],
    bad: [
      {
        title: 'The legacy title after a space',
        source: `${fm}\n:::danger Deletes the pods\n\nThey are recreated.\n\n:::\n`,
        problems: [{ at: '10:1', message: 'write `:::danger[Deletes the pods]`' }],
      },
    ],
  },
  checkFile(file, _project, report) {
    if (!file.tree) return;
    visit(file.tree, 'paragraph', (node: Paragraph) => {
      const first = node.children[0];
      if (first?.type !== 'text') return;
      const match = LEGACY.exec(first.value.split('\n')[0]!);
      if (!match) return;
      report(file, { node }, 'legacyTitle', { kind: match[1]!, title: match[2]! });
    });
  },
});
