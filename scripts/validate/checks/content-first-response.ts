import type { Heading, List, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { SECTION_CONTRACTS } from '../../../core/schemas/sections.ts';
import { defineCheck } from '../engine/check.ts';

/** Heading text without a trailing `{#explicit-id}`. */
const headingText = (heading: Heading) => toString(heading).replace(/\s*\{#[^}]*\}\s*$/, '').trim();

const MAX_STEPS = 5;

const fm = `---\ntype: runbook\nrunbook_id: RB-900\ntitle: Example\ndescription: Example.\nseverity: SEV3\nservices: [worker]\nowner: platform-sre\nlast_reviewed: 2026-11-01\nreview_interval: 90d\n---\n`;
const rest = '\n## Symptoms\n\n## Impact\n\n## Diagnosis\n\n## Mitigation\n\n## Verification\n\n## Rollback\n\n## Escalation\n';

export default defineCheck({
  id: 'content/first-response',
  description: 'The `## First response` section of runbooks and troubleshooting pages has one to five numbered steps and says when to escalate.',
  severity: 'error',
  local: true,
  messages: {
    noSteps: '`## {first}` has no numbered steps; give the 1 to {max} safe first steps as a numbered list',
    tooManySteps: '`## {first}` has {steps} steps; at most {max}: move the rest to Diagnosis or Mitigation',
    noEscalation: '`## {first}` does not say when to escalate; add "**Escalate** when …" with the criterion and who to page',
  },
  docs: {
    why:
      'The first five minutes decide most incidents. The reader needs a short list of steps that are safe before the ' +
      'cause is known (check for a recent deployment or canary, switch back) and one sentence that says when to stop ' +
      'alone and call for help. Six steps or more is diagnosis, which belongs further down.',
    fix:
      `Write the steps as one numbered list of 1 to ${MAX_STEPS} items, and add a paragraph or list item that starts with ` +
      '**Escalate** and names the criterion (an error rate, a duration, a symptom) and who to page.',
    good: [
      {
        title: 'Steps and an escalation criterion',
        source: `${fm}\n## First response\n\n1. Check for a deployment in the last hour.\n2. If there is one, switch back.\n\n**Escalate** when the queue still grows after 15 minutes: page the Backend on-call engineer.\n${rest}`,
      },
    ],
    bad: [
      {
        title: 'No numbered steps',
        source: `${fm}\n## First response\n\nLook around.\n\n**Escalate** after 15 minutes.\n${rest}`,
        problems: [{ at: '13:1', message: 'has no numbered steps' }],
      },
      {
        title: 'Too many steps',
        source: `${fm}\n## First response\n\n1. One.\n2. Two.\n3. Three.\n4. Four.\n5. Five.\n6. Six.\n\n**Escalate** after 15 minutes.\n${rest}`,
        problems: [{ at: '15:1', message: '6 steps; at most 5' }],
      },
      {
        title: 'No escalation criterion',
        source: `${fm}\n## First response\n\n1. Check for a deployment in the last hour.\n${rest}`,
        problems: [{ at: '13:1', message: 'does not say when to escalate' }],
      },
    ],
  },
  checkFile(file, _project, report) {
    const data = file.frontmatter?.data as Record<string, unknown> | undefined;
    const type = typeof data?.['type'] === 'string' ? data['type'] : undefined;
    const first = type ? SECTION_CONTRACTS[type as keyof typeof SECTION_CONTRACTS]?.first : undefined;
    if (!first || !file.tree) return;

    const children = file.tree.children;
    const start = children.findIndex((n) => n.type === 'heading' && n.depth === 2 && headingText(n).toLowerCase() === first.toLowerCase());
    if (start === -1) return; // content/sections reports the missing section
    const heading = children[start] as Heading;
    const end = children.findIndex((n, i) => i > start && n.type === 'heading' && n.depth <= 2);
    const body: RootContent[] = children.slice(start + 1, end === -1 ? undefined : end);

    const lists = body.filter((n): n is List => n.type === 'list' && n.ordered === true);
    if (lists.length === 0) {
      report(file, { node: heading }, 'noSteps', { first, max: MAX_STEPS });
    } else {
      const steps = lists.reduce((sum, l) => sum + l.children.length, 0);
      if (steps > MAX_STEPS) {
        report(file, { node: lists[0]! }, 'tooManySteps', { first, steps, max: MAX_STEPS });
      }
    }
    if (!body.some((n) => /\bescalat/i.test(toString(n)))) {
      report(file, { node: heading }, 'noEscalation', { first });
    }
  },
});
