/**
 * links/orphan finds where links lead with `linkTarget`, and checks an anchor with `resolveLink`
 * only for a link to a page still without an inbound link (scripts/validate/engine/resolve.ts).
 * Both must agree on every link of the shipped docs: the doc a link resolves to is the doc it
 * leads to.
 */
import { describe, expect, it } from 'vitest';
import { linksOf } from '../../scripts/validate/engine/facts.ts';
import { loadProject } from '../../scripts/validate/engine/load.ts';
import { linkTarget, resolveLink } from '../../scripts/validate/engine/resolve.ts';
import { NOW, ROOT } from '../helpers/examples.ts';

describe('linkTarget', () => {
  it("leads where resolveLink resolves, for every link of the shipped docs, and leads nowhere for external links", () => {
    const project = loadProject(ROOT, [], { strictReviews: false, now: NOW });
    let links = 0;
    let toDocs = 0;
    for (const file of project.files) {
      if (file.status !== 'ok') continue;
      for (const link of linksOf(file, project)) {
        links++;
        const resolved = resolveLink(project, file, link.url);
        const target = linkTarget(project, file, link.url);
        if (resolved.ok && resolved.target) {
          toDocs++;
          expect(target?.path, `${file.path}: ${link.url}`).toBe(resolved.target.path);
        }
        if (resolved.ok && 'external' in resolved) expect(target).toBeUndefined();
      }
    }
    expect(links).toBeGreaterThan(300);
    expect(toDocs).toBeGreaterThan(200);
  });
});
