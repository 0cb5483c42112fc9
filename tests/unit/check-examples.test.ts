import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkModuleFiles, loadChecks } from '../../scripts/validate/checks/index.ts';
import type { ExpectedProblem } from '../../scripts/validate/engine/check.ts';
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

  it('declares each message once, with a text, and reports every message it declares', () => {
    for (const check of checks) {
      const ids = Object.keys(check.messages);
      expect(ids.length, check.id).toBeGreaterThan(0);
      const source = readFileSync(new URL(`../../scripts/validate/checks/${check.id.replace('/', '-')}.ts`, import.meta.url), 'utf8');
      for (const id of ids) {
        expect(check.messages[id], `${check.id} ${id}`).toMatch(/\S/);
        // Declared once as a key, and used at least once as a string elsewhere in the module.
        expect(source.split(`'${id}'`).length - 1, `${check.id}: message \`${id}\` is declared but never reported`).toBeGreaterThan(0);
      }
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
        expect(example.problems, `${check.id}: a good example expects no problems`).toBeUndefined();
        expect(await runExample(check, example)).toEqual([]);
      });
    }
    for (const example of check.docs.bad) {
      it(`bad: ${example.title}`, async () => {
        // A bad example without its problems would silently expect none.
        const expected: readonly ExpectedProblem[] = example.problems ?? [];
        expect(expected.length, `${check.id}: bad example "${example.title}" must list the problems it expects`).toBeGreaterThan(0);
        const problems = await runExample(check, example);
        expect(problems.map((p) => `${p.line}:${p.column}`)).toEqual(expected.map((e) => e.at));
        problems.forEach((p, i) => {
          // A check with sub-rules (remark-lint) reports `<check id>:<rule>`.
          expect(p.rule).toBe(expected[i]!.rule ?? check.id);
          expect(p.message).toContain(expected[i]!.message);
          if (expected[i]!.messageId) expect(p.messageId).toBe(expected[i]!.messageId);
        });
      });
    }
  });
}
