import { describe, expect, it } from 'vitest';
import { checkModuleFiles, loadChecks } from '../../scripts/validate/checks/index.ts';
import { runExample } from '../helpers/examples.ts';

const checks = await loadChecks();

describe('check registry', () => {
  it('names each check module after its rule id', () => {
    expect(checkModuleFiles()).toEqual(checks.map((c) => `${c.id.replace('/', '-')}.ts`));
  });

  it('gives every check a description, why, fix and at least one good and one bad example', () => {
    for (const check of checks) {
      expect(check.description, check.id).not.toBe('');
      expect(check.docs.why, check.id).not.toBe('');
      expect(check.docs.fix, check.id).not.toBe('');
      expect(check.docs.good.length, check.id).toBeGreaterThan(0);
      expect(check.docs.bad.length, check.id).toBeGreaterThan(0);
    }
  });

  it('uses unique rule ids', () => {
    expect(new Set(checks.map((c) => c.id)).size).toBe(checks.length);
  });
});

// The documented examples are the checks' tests (like remark-lint's ok.md / not-ok.md).
for (const check of checks) {
  describe(check.id, () => {
    for (const example of check.docs.good) {
      it(`good: ${example.title}`, async () => {
        expect(await runExample(check, example)).toEqual([]);
      });
    }
    for (const example of check.docs.bad) {
      it(`bad: ${example.title}`, async () => {
        const problems = await runExample(check, example);
        const expected = example.problems ?? [];
        expect(problems.map((p) => `${p.line}:${p.column}`)).toEqual(expected.map((e) => e.at));
        problems.forEach((p, i) => {
          // A check with sub-rules (remark-lint) reports `<check id>:<rule>`.
          expect(p.rule).toBe(expected[i]!.rule ?? check.id);
          expect(p.message).toContain(expected[i]!.message);
        });
      });
    }
  });
}
