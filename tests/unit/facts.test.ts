import { describe, expect, it } from 'vitest';
import { loadChecks } from '../../scripts/validate/checks/index.ts';
import { projectFromMemory } from '../../scripts/validate/engine/load.ts';
import { prepareChecks, runChecks } from '../../scripts/validate/engine/runner.ts';
import { headingsOf } from '../../scripts/validate/engine/facts.ts';
import { NOW, ROOT } from '../helpers/examples.ts';

const checks = await loadChecks();
const guide = (heading: string) => `---\ntype: guide\ntitle: Guide\nlast_reviewed: 2026-11-01\nreview_interval: 90d\n---\n\n## ${heading}\n\nSee [the other section](./b.md#kept).\n`;

describe('per-run facts (engine/fact-store.ts)', () => {
  it('derives each fact once per file and run, however many checks read it', async () => {
    const project = projectFromMemory(ROOT, { 'docs/a.md': guide('Kept'), 'docs/b.md': guide('Kept') }, { strictReviews: false, now: NOW });
    await prepareChecks(project, checks);
    runChecks(project, checks);
    // links/internal, links/orphan, … all read links and headings: derived once per file.
    expect(project.facts.derivations.get('links')).toBe(2);
    expect(project.facts.derivations.get('headings')).toBeLessThanOrEqual(2);
    expect(project.facts.derivations.get('runbook-ids') ?? 0).toBeLessThanOrEqual(1);
  });

  it('never carries a fact over to another run', async () => {
    const before = projectFromMemory(ROOT, { 'docs/a.md': guide('Kept'), 'docs/b.md': guide('Kept') }, { strictReviews: false, now: NOW });
    const after = projectFromMemory(ROOT, { 'docs/a.md': guide('Kept'), 'docs/b.md': guide('Renamed') }, { strictReviews: false, now: NOW });
    for (const project of [before, after]) {
      await prepareChecks(project, checks);
      project.targets = new Set(['docs/a.md']);
    }
    const broken = (problems: ReturnType<typeof runChecks>) => problems.filter((p) => p.rule === 'links/internal').map((p) => p.message);
    expect(broken(runChecks(before, checks))).toEqual([]);
    expect(broken(runChecks(after, checks))).toEqual([expect.stringContaining('#kept')]);
    expect(headingsOf(before.files[1]!, before).map((h) => h.id)).toEqual(['kept']);
    expect(headingsOf(after.files[1]!, after).map((h) => h.id)).toEqual(['renamed']);
  });
});
