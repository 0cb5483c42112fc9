import { withoutHeadingId } from '../../../core/markdown/headings.ts';
import type { Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { SECTION_CONTRACTS } from '../../../core/schemas/sections.ts';
import { defineCheck } from '../engine/check.ts';
import { closest } from '../engine/suggest.ts';

/** Heading text without a trailing `{#explicit-id}`. */
const headingText = (heading: Heading) => withoutHeadingId(toString(heading));

const fm = (type: string, extra = '') =>
  `---\ntype: ${type}\ntitle: Example\ndescription: Example.\nowner: platform-sre\nlast_reviewed: 2026-11-01\nreview_interval: 90d\n${extra}---\n`;
const procedure = fm('procedure');

export default defineCheck({
  id: 'content/sections',
  description: 'Runbooks, procedures, troubleshooting, rollback and deployment pages have their required sections, in order.',
  severity: 'error',
  local: true,
  messages: {
    noSections: 'no sections; {order}',
    misspeltSection: 'heading `## {heading}` is not a section of {type} pages',
    missingSection: 'missing section `## {name}`; {order}',
    wrongOrder: '`## {name}` must come after `## {previous}`; {order}',
    firstSection: '{type} pages open with {first}, before {found}',
  },
  docs: {
    why:
      'At 3 a.m. the reader jumps to "Mitigation" or "Rollback" without reading the rest. When every page of a type ' +
      'has the same sections in the same order, the answer is where they expect it, and a page without a way back ' +
      `or an escalation path cannot be merged. Contracts: ${Object.entries(SECTION_CONTRACTS)
        .map(([type, c]) => `${type}: ${c!.required.join(', ')}`)
        .join('; ')}.`,
    fix:
      'Add the missing level-2 heading (`## Rollback`) where the message says, or fix its spelling. Other sections ' +
      'may sit between the required ones; put details in level-3 subsections. Runbooks and troubleshooting pages ' +
      'open with `## First response`: no other level-2 section (not even `## Variables`) comes before it.',
    good: [
      {
        title: 'A procedure with its sections, and an extra one in between',
        source: `${procedure}\n## Prerequisites\n\nAccess.\n\n## Procedure\n\nSteps.\n\n## Notes\n\nExtra.\n\n## Verification\n\nCheck.\n\n## Rollback\n\nUndo.\n`,
      },
      {
        title: 'A runbook that opens with its first response, Variables after it',
        source: `${fm('runbook', 'runbook_id: RB-900\nseverity: SEV3\nservices: [worker]\n')}\nThe queue backs up.\n\n## First response\n\n1. Check for a deployment in the last hour; if there is one, switch back.\n\nEscalate when the queue still grows after 15 minutes.\n\n## Variables\n\n## Symptoms\n\n## Impact\n\n## Diagnosis\n\n## Mitigation\n\n## Verification\n\n## Rollback\n\n## Escalation\n`,
      },
    ],
    bad: [
      {
        title: 'A section is missing',
        source: `${procedure}\n## Prerequisites\n\nAccess.\n\n## Procedure\n\nSteps.\n\n## Rollback\n\nUndo.\n`,
        problems: [{ at: '18:1', message: 'missing section `## Verification`' }],
      },
      {
        title: 'A misspelt heading',
        source: `${procedure}\n## Prerequisites\n\n## Procedure\n\n## Verfication\n\n## Rollback\n`,
        problems: [{ at: '14:1', message: 'Did you mean `Verification`?' }],
      },
      {
        title: 'Sections out of order',
        source: `${procedure}\n## Prerequisites\n\n## Verification\n\n## Procedure\n\n## Rollback\n`,
        problems: [{ at: '12:1', message: '`## Verification` must come after `## Procedure`' }],
      },
      {
        title: 'A runbook whose first section is not First response',
        source: `${fm('runbook', 'runbook_id: RB-900\nseverity: SEV3\nservices: [worker]\n')}\nThe queue backs up.\n\n## Variables\n\n## First response\n\n## Symptoms\n\n## Impact\n\n## Diagnosis\n\n## Mitigation\n\n## Verification\n\n## Rollback\n\n## Escalation\n`,
        problems: [{ at: '15:1', message: 'runbook pages open with `## First response`, before `## Variables`' }],
      },
      {
        title: 'A page with no sections at all',
        source: `${procedure}\nJust do it.\n`,
        problems: [{ at: '10:1', message: 'no sections; procedure pages need `## Prerequisites`, `## Procedure`, `## Verification`, `## Rollback`' }],
      },
    ],
  },
  checkFile(file, _project, report) {
    const data = file.frontmatter?.data as Record<string, unknown> | undefined;
    const type = typeof data?.['type'] === 'string' ? data['type'] : undefined;
    const contract = type ? SECTION_CONTRACTS[type as keyof typeof SECTION_CONTRACTS] : undefined;
    if (!contract || !file.tree) return;

    const h2 = file.tree.children.filter((n): n is Heading => n.type === 'heading' && n.depth === 2);
    const texts = h2.map(headingText);
    const required = contract.required;
    const label = (s: string) => `\`## ${s}\``;
    const order = `${type} pages need ${required.map(label).join(', ')}, in this order (${contract.why})`;

    if (h2.length === 0) {
      const body = file.tree.children.find((n) => n.type !== 'yaml');
      report(file, body ? { node: body } : { offset: file.source.length }, 'noSections', { order });
      return;
    }

    // The opening section: the reader at 3 a.m. sees the safe first steps before anything else.
    if (contract.first && texts[0]?.toLowerCase() !== contract.first.toLowerCase()) {
      const at = texts.findIndex((t) => t.toLowerCase() === contract.first!.toLowerCase());
      if (at > 0) report(file, { node: h2[0]! }, 'firstSection', { type: String(type), first: label(contract.first), found: label(texts[0]!) });
    }

    // Where each required heading is, by exact text (case-insensitive).
    const found = required.map((name) => texts.findIndex((t) => t.toLowerCase() === name.toLowerCase()));
    const unmatched = new Set(texts.map((_, i) => i).filter((i) => !found.includes(i)));
    let last = -1;
    required.forEach((name, r) => {
      const at = found[r]!;
      if (at === -1) {
        // A near miss among the headings that match no required section is a typo, reported there.
        const typo = [...unmatched].find((i) => closest(texts[i]!, [name]) === name);
        if (typo !== undefined) {
          unmatched.delete(typo);
          report(file, { node: h2[typo]! }, 'misspeltSection', { heading: texts[typo]!, type: type! }, { hint: ` Did you mean \`${name}\`?` });
          return;
        }
        // Report where the section should start: at the next required heading that exists, else the end.
        const next = found.slice(r + 1).find((i) => i !== -1 && i > last);
        const where = next !== undefined ? { node: h2[next]! } : { offset: file.source.length };
        report(file, where, 'missingSection', { name, order });
        return;
      }
      if (at < last) {
        report(file, { node: h2[at]! }, 'wrongOrder', { name, previous: texts[last]!, order });
        return;
      }
      last = at;
    });
  },
});
