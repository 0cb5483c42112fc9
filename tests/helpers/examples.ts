import type { Check, Example } from '../../scripts/validate/engine/check.ts';
import { projectFromMemory } from '../../scripts/validate/engine/load.ts';
import { prepareChecks, runChecks } from '../../scripts/validate/engine/runner.ts';
import type { Problem } from '../../scripts/validate/engine/types.ts';

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
/** A fixed clock so review-date examples do not drift. */
export const NOW = new Date('2026-11-23T12:00:00Z');

/** Runs one check on one documented example, the way `npm run validate` would (with its async `prepare`). */
export async function runExample(check: Check, example: Example, options: { strictReviews?: boolean } = {}): Promise<Problem[]> {
  const path = example.path ?? 'docs/example.md';
  const project = projectFromMemory(ROOT, { ...example.files, [path]: example.source }, {
    strictReviews: options.strictReviews ?? false,
    now: NOW,
  });
  project.targets = new Set([path]);
  return [...(await prepareChecks(project, [check])), ...runChecks(project, [check])];
}

/** What `checks` report on a one-doc project whose page is one ```bash block holding `body` (its first line is line 4). */
export function problemsInBashBlock(checks: readonly Check[], body: string): Problem[] {
  const project = projectFromMemory(ROOT, { 'docs/t.md': `# T\n\n\`\`\`bash\n${body}\n\`\`\`\n` }, { strictReviews: false, now: NOW });
  project.targets = new Set(['docs/t.md']);
  return runChecks(project, checks);
}
