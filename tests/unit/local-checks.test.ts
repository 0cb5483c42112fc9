/**
 * Checks marked `local` (engine/local-results.ts) have their reports for an unchanged doc replayed
 * from the cache, so they must read nothing but the doc they are given and the project's data. Each
 * local check runs its documented examples in a project whose docs cannot be listed (`files`
 * throws, also inside facts derived from the project) and must report exactly what it reports
 * with them. Checks that do read other docs fail in such a project: the control at the end.
 */
import { describe, expect, it } from 'vitest';
import { loadChecks } from '../../scripts/validate/checks/index.ts';
import type { Check, Example, Report } from '../../scripts/validate/engine/check.ts';
import { FactStore } from '../../scripts/validate/engine/fact-store.ts';
import { projectFromMemory } from '../../scripts/validate/engine/load.ts';
import type { Project } from '../../scripts/validate/engine/types.ts';
import { NOW, ROOT, runExample } from '../helpers/examples.ts';

const checks = await loadChecks();
const local = checks.filter((c) => c.local);

/** The example's project, with its docs hidden from the check. */
function sealed(example: Example): { project: Project; path: string } {
  const path = example.path ?? 'docs/example.md';
  const open = projectFromMemory(ROOT, { ...example.files, [path]: example.source }, { strictReviews: false, now: NOW });
  const project = { ...open, targets: new Set([path]) } as Project & { facts: FactStore<Project, never> };
  Object.defineProperty(project, 'files', {
    get() {
      throw new Error('a local check listed the project\'s docs');
    },
  });
  project.facts = new FactStore(() => project);
  return { project, path };
}

/** What `check` reports on the example's doc in the sealed project: `line:column messageId`. */
async function sealedReports(check: Check, example: Example): Promise<string[]> {
  const { project, path } = sealed(example);
  const file = projectFromMemory(ROOT, { [path]: example.source }, { strictReviews: false, now: NOW }).files[0]!;
  // `prepare` is given the doc alone, as a run gives it the docs without stored reports.
  await check.prepare?.(Object.create(project, { files: { value: [file] } }) as Project);
  const found: string[] = [];
  const report: Report = (target, at, messageId) => {
    const position = 'line' in at ? at : 'offset' in at ? target.lines.position(at.offset) : at.node.position!.start;
    found.push(`${position.line}:${position.column} ${messageId}`);
    return true;
  };
  check.checkFile!(file, project, report);
  // The runner reports the same problem at the same place once.
  return [...new Set(found)];
}

describe('local checks read only their doc and the data', () => {
  it('include the checks that cost most in a run over every doc', () => {
    expect(local.map((c) => c.id)).toEqual(expect.arrayContaining(['commands/secrets', 'security/secrets', 'commands/placeholders', 'content/sections', 'frontmatter/schema']));
  });

  for (const check of local) {
    it(`${check.id}: the same reports without the other docs`, async () => {
      expect(check.checkFile, `${check.id} is local but has no checkFile`).toBeDefined();
      // Examples whose page is a data file (alert rules, tags.yml) are about `checkProject`.
      const onDocs = [...check.docs.good, ...check.docs.bad].filter((e) => /\.mdx?$/.test(e.path ?? 'docs/example.md'));
      expect(onDocs.length, `${check.id} has no example on a doc`).toBeGreaterThan(0);
      for (const example of onDocs) {
        const expected = (await runExample(check, example)).filter((p) => p.file === (example.path ?? 'docs/example.md')).map((p) => `${p.line}:${p.column} ${p.messageId}`);
        expect((await sealedReports(check, example)).sort(), `${check.id}: ${example.title}`).toEqual([...new Set(expected)].sort());
      }
    });
  }

  it('fails for checks that read other docs (the control)', async () => {
    for (const id of ['runbook/id-mentions', 'frontmatter/related', 'links/internal']) {
      const check = checks.find((c) => c.id === id)!;
      expect(check.local, id).toBeFalsy();
      const example = check.docs.bad[0]!;
      await expect(sealedReports(check, example), id).rejects.toThrow(/listed the project's docs/);
    }
  });
});
