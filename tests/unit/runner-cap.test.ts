import { describe, expect, it } from 'vitest';
import { defineCheck } from '../../scripts/validate/engine/check.ts';
import { projectFromMemory } from '../../scripts/validate/engine/load.ts';
import { MAX_PROBLEMS_PER_RULE, runChecks } from '../../scripts/validate/engine/runner.ts';
import { NOW, ROOT } from '../helpers/examples.ts';

describe('problems per rule and file', () => {
  it(`lists the first ${MAX_PROBLEMS_PER_RULE} and counts the rest in one more problem`, () => {
    const project = projectFromMemory(ROOT, { 'docs/a.md': 'x\n'.repeat(500), 'docs/b.md': 'x\n' }, { strictReviews: false, now: NOW });
    const noisy = defineCheck({
      id: 'test/noisy', description: 'd', severity: 'warning', messages: { numbered: 'problem {line}' }, docs: { why: 'w', fix: 'f', good: [], bad: [] },
      checkFile(file, _p, report) {
        const lines = file.path === 'docs/a.md' ? 500 : 1;
        for (let line = 1; line <= lines; line++) report(file, { line, column: 1 }, 'numbered', { line });
      },
    });
    const problems = runChecks(project, [noisy]);
    const a = problems.filter((p) => p.file === 'docs/a.md');
    expect(a).toHaveLength(MAX_PROBLEMS_PER_RULE + 1);
    expect(a.filter((p) => p.message.startsWith('…and 400 more `test/noisy` problems'))).toHaveLength(1);
    expect(problems.filter((p) => p.file === 'docs/b.md')).toHaveLength(1);
  });
});
