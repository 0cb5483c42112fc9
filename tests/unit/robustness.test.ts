import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadChecks } from '../../scripts/validate/checks/index.ts';
import { projectFromMemory } from '../../scripts/validate/engine/load.ts';
import { runChecks } from '../../scripts/validate/engine/runner.ts';
import { NOW, ROOT } from '../helpers/examples.ts';

const checks = await loadChecks();

/** Markdown-ish text: frontmatter fences, YAML punctuation, fences, containers, odd characters. */
const pieces = fc.constantFrom(
  '---', '---\n', '\n', '\r\n', ': ', '- ', '  ', '\t', '"', "'", '[', ']', '{', '}', '#', '>', '```', '~~~', '1. ',
  'type: runbook', 'type: guide', 'runbook_id: RB-001', 'tags: [', 'kubernetes', 'title:', 'symptoms:', 'null', '\uFEFF',
  '\u0000', 'é', '😀', ':::danger', '<!-- x -->', '&', '*', '|', '---\ntype: ', 'last_reviewed: 2026-02-30',
);
const doc = fc.oneof(fc.string({ maxLength: 200 }), fc.array(pieces, { maxLength: 60 }).map((p) => p.join('')));

describe('validator robustness', () => {
  it('never crashes and reports positions inside the file, for any input', () => {
    fc.assert(
      fc.property(fc.array(doc, { minLength: 1, maxLength: 3 }), (texts) => {
        const files = Object.fromEntries(texts.map((t, i) => [`docs/f${i}.md`, t]));
        const project = projectFromMemory(ROOT, files, { strictReviews: false, now: NOW });
        const problems = runChecks(project, checks);
        for (const p of problems) {
          expect(p.rule).not.toBe('internal/check-crashed');
          const text = files[p.file]!.replace(/^\uFEFF/, '');
          const lines = text.split('\n');
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.line).toBeLessThanOrEqual(lines.length);
          expect(p.column).toBeGreaterThanOrEqual(1);
          expect(p.column).toBeLessThanOrEqual(lines[p.line - 1]!.length + 1);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('reports a crashing check as a problem instead of stopping the run', () => {
    const project = projectFromMemory(ROOT, { 'docs/a.md': '---\ntype: guide\n---\n' }, { strictReviews: false, now: NOW });
    const boom = { id: 'test/boom', description: 'd', severity: 'error' as const, messages: {}, docs: { why: '', fix: '', good: [], bad: [] },
      checkFile() { throw new Error('kaboom'); } };
    const problems = runChecks(project, [boom, ...checks]);
    expect(problems).toContainEqual(expect.objectContaining({ file: 'docs/a.md', rule: 'internal/check-crashed', messageId: 'crashed', message: expect.stringContaining('kaboom') }));
    expect(problems.some((p) => p.rule === 'frontmatter/schema')).toBe(true);
  });
});
