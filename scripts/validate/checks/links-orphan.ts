import { defineCheck } from '../engine/check.ts';
import { linksOf } from '../engine/facts.ts';
import { frontmatterData } from '../engine/frontmatter.ts';
import { linkTarget, resolveLink } from '../engine/resolve.ts';
import { SECTIONS } from '../../../core/site/sections.ts';

const guide = '---\ntype: guide\n---\n';

export default defineCheck({
  id: 'links/orphan',
  description: 'Every doc is reachable: from the sidebar (a section folder), or from a link in another doc.',
  severity: 'warning',
  messages: {
    orphan: 'no sidebar, index page or other doc leads to this page; move it into a section folder or link to it from a related page',
  },
  docs: {
    why:
      'A page that no sidebar, index or other page leads to is found only by chance. During an ' +
      'incident nobody finds it, and nobody reviews it either.',
    fix:
      'Move the page into a section folder (`docs/runbooks/`, `docs/troubleshooting/`, …; each gets a ' +
      'sidebar category), or link to it from the page a reader would come from.',
    good: [
      { title: 'A page in a section folder', path: 'docs/runbooks/rb-001.md', source: guide },
      {
        title: 'A page outside the sections that another page links to',
        files: { 'docs/runbooks/rb-001.md': `${guide}\nSee [notes](../notes.md).\n` },
        path: 'docs/notes.md',
        source: guide,
      },
    ],
    bad: [{ title: 'A page nothing leads to', path: 'docs/drafts/notes.md', source: guide, problems: [{ at: '1:1', message: 'no sidebar' }] }],
  },
  checkProject(project, report) {
    const inSidebar = (path: string) =>
      path === 'docs/index.md' || SECTIONS.some((s) => path.startsWith(`docs/${s.folder}/`));
    // The reported docs that only a link can lead to; the links of every doc are read only until
    // each of them has one (none to find in a --changed run whose docs are all in sections).
    const waiting = new Set(
      project.files.filter((f) => project.targets.has(f.path) && f.status === 'ok' && f.path.startsWith('docs/') && !inSidebar(f.path) && frontmatterData(f)?.['unlisted'] !== true).map((f) => f.path),
    );
    for (const file of project.files) {
      if (waiting.size === 0) break;
      for (const link of linksOf(file, project)) {
        // Where the link leads first (cheap); its anchor only for a link to a waiting doc.
        const target = linkTarget(project, file, link.url);
        if (!target || target === file || !waiting.has(target.path)) continue;
        const result = resolveLink(project, file, link.url);
        if (result.ok && result.target === target) waiting.delete(target.path);
      }
    }
    for (const file of project.files) if (waiting.has(file.path)) report(file, { line: 1, column: 1 }, 'orphan');
  },
});
