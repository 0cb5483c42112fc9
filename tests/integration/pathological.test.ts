/**
 * cmark's pathological inputs at 50,000 scale: each file becomes one clear problem (or is checked),
 * nothing crashes, and the ordinary file beside it is still checked. Timings are in
 * `npm run bench:pathological`; the timeout here is only a hang guard.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadChecks } from '../../scripts/validate/checks/index.ts';
import { stopParseWorker } from '../../scripts/validate/engine/parse-guard.ts';
import { projectFromMemory } from '../../scripts/validate/engine/load.ts';
import { prepareChecks, runChecks } from '../../scripts/validate/engine/runner.ts';
import { PATHOLOGICAL } from '../helpers/pathological.ts';
import { NOW, ROOT } from '../helpers/examples.ts';

const checks = await loadChecks();
const GOOD =
  '---\ntype: guide\ntitle: Good\ndescription: An ordinary page beside a pathological one.\nowner: platform-sre\ntags: [kubernetes]\n---\n\n' +
  '# Good\n\nSee [the bad page](./bad.md#some-heading) and [a missing page](./missing.md).\n';

/** What each case is reported as: parsed and checked, or refused with the reason. */
const EXPECTED: Record<string, RegExp> = {
  'nested block quotes': /block quotes are nested more than 32 deep on line 1 /,
  'nested block quotes, one per line': /block quotes are nested more than 32 deep on line 33 /,
  'nested lists, 1,000 deep': /line 82 is indented more than 160 columns/,
  'long backtick runs': /above the 1\.0 MB limit/,
  'NUL bytes': /binary \(it contains NUL bytes\)/,
};

afterAll(() => stopParseWorker());

describe('pathological Markdown (cmark test set, 50,000 scale)', () => {
  for (const c of PATHOLOGICAL) {
    it(`${c.name}: one clear problem on the file, the other file still checked`, { timeout: 60_000 }, async () => {
      const project = projectFromMemory(ROOT, { 'docs/good.md': GOOD, 'docs/bad.md': c.source }, { strictReviews: false, now: NOW });
      const problems = [...(await prepareChecks(project, checks)), ...runChecks(project, checks)];
      expect(problems.filter((p) => p.rule === 'internal/check-crashed')).toEqual([]);
      const bad = problems.filter((p) => p.file === 'docs/bad.md');
      const refused = bad.filter((p) => p.rule === 'file/unparseable' || p.rule === 'file/readable');
      if (EXPECTED[c.name]) {
        expect(refused).toHaveLength(1);
        expect(refused[0]!.message).toMatch(EXPECTED[c.name]!);
      }
      if (refused.length > 0) {
        // Refused: one problem at 1:1 with the reason, and nothing else about that file.
        expect(bad).toEqual([expect.objectContaining({ line: 1, column: 1, severity: 'error' })]);
        expect(refused[0]!.message).toMatch(/nested|indented|time budget|limit|binary|stack/);
      } else {
        // Parsed within the budget: checked like any file, with at most 100 problems per rule listed.
        const perRule = new Map<string, number>();
        for (const p of bad) perRule.set(p.rule, (perRule.get(p.rule) ?? 0) + 1);
        for (const n of perRule.values()) expect(n).toBeLessThanOrEqual(101);
      }
      // The ordinary file is still checked: its broken link is reported; an anchor into a refused file is not
      // (its headings are unknown, and its own problem says why).
      const good = problems.filter((p) => p.file === 'docs/good.md' && p.rule === 'links/internal').map((p) => p.message).join('\n');
      expect(good).toContain('missing.md');
      if (refused.length > 0) expect(good).not.toContain('some-heading');
    });
  }
});
