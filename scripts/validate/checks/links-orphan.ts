import { defineCheck } from '../engine/check.ts';
import { linksOf } from '../engine/facts.ts';
import { frontmatterData } from '../engine/frontmatter.ts';
import { resolveLink } from '../engine/resolve.ts';
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
    const inbound = new Set<string>();
    for (const file of project.files) {
      for (const link of linksOf(file, project)) {
        const result = resolveLink(project, file, link.url);
        if (result.ok && result.target && result.target !== file) inbound.add(result.target.path);
      }
    }
    const inSidebar = (path: string) =>
      path === 'docs/index.md' || SECTIONS.some((s) => path.startsWith(`docs/${s.folder}/`));
    for (const file of project.files) {
      if (file.status !== 'ok' || !file.path.startsWith('docs/')) continue;
      if (inSidebar(file.path) || inbound.has(file.path) || frontmatterData(file)?.['unlisted'] === true) continue;
      report(file, { line: 1, column: 1 }, 'orphan');
    }
  },
});
