import { defineCheck } from '../engine/check.ts';
import { linksOf } from '../engine/facts.ts';
import { resolveLink } from '../engine/resolve.ts';


const target = '---\ntype: guide\n---\n\n## Diagnosis\n\n## Check the pods {#pods}\n';

export default defineCheck({
  id: 'links/internal',
  description: 'Links between docs, to site pages, to assets and to heading anchors resolve, exactly as the build resolves them.',
  severity: 'error',
  messages: {
    broken: 'broken {kind} `{url}`: {reason}',
  },
  docs: {
    why:
      'A runbook that sends the reader to a moved page or a renamed heading loses minutes during an ' +
      'incident. The build also fails on broken links, but only after minutes of work and without ' +
      'positions; this check names every link a move or rename breaks, with its file:line:col.',
    fix:
      'Point the link at the file that exists now (the message offers the closest match), or at a ' +
      'heading id that exists. Anchors use Docusaurus\' slugs (`## Check the pods` → `#check-the-pods`) ' +
      'or an explicit id (`## Check the pods {#pods}`). Link to other docs by file (`./other.md`) so ' +
      'moves are caught.',
    good: [
      {
        title: 'File links, explicit and derived anchors, site routes',
        files: { 'docs/runbooks/rb-001.md': target },
        path: 'docs/runbooks/rb-002.md',
        source:
          '---\ntype: guide\n---\n\n## Steps\n\nSee [diagnosis](./rb-001.md#diagnosis), [pods](rb-001.md#pods), ' +
          '[the runbook](/docs/runbooks/rb-001#diagnosis), [steps](#steps) and [the API](https://api.example.com).\n',
      },
    ],
    bad: [
      {
        title: 'A renamed heading and a moved file',
        files: { 'docs/runbooks/rb-001.md': target },
        path: 'docs/runbooks/rb-002.md',
        source: '---\ntype: guide\n---\n\nSee [diagnosis](./rb-001.md#diagnosys) and [the old page](../rb-001.md).\n',
        problems: [
          { at: '5:17', message: 'Did you mean `#diagnosis`?' },
          { at: '5:59', message: 'no doc at docs/rb-001.md. Did you mean `./rb-001.md`?' },
        ],
      },
      {
        title: 'A site route that does not exist',
        path: 'docs/guide.md',
        source: '---\ntype: guide\n---\n\n[Runbooks](/docs/runbook)\n',
        problems: [{ at: '5:12', message: 'no page at /docs/runbook' }],
      },
    ],
  },
  checkFile(file, project, report) {
    for (const link of linksOf(file, project)) {
      const result = resolveLink(project, file, link.url);
      if (result.ok) continue;
      const hint = result.suggestion ? `Did you mean \`${result.suggestion}\`?` : '';
      report(
        file,
        link.urlOffset !== undefined ? { offset: link.urlOffset } : link.position,
        'broken',
        { kind: link.kind === 'image' ? 'image' : 'link', url: link.url, reason: result.message },
        { hint },
      );
    }
  },
});
