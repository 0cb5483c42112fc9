import { defineCheck } from '../engine/check.ts';

export default defineCheck({
  id: 'file/unexpected',
  description: 'docs/ holds only Markdown docs, images, tags.yml, search-synonyms.yml and sidebar metadata.',
  severity: 'warning',
  local: true,
  messages: {
    unexpected: '{path} is not a Markdown doc, an image or sidebar metadata; Docusaurus ignores it. Move it to static/ or delete it',
  },
  docs: {
    why:
      'Docusaurus ignores other files under docs/, so a script or export dropped there is never ' +
      'published and never checked: readers will not find it.',
    fix: 'Move downloadable files to `static/` and link them, or delete the file.',
    good: [{ title: 'A Markdown doc', path: 'docs/runbooks/example.md', source: '---\ntype: guide\n---\n' }],
    bad: [
      {
        title: 'A shell script next to the runbooks',
        path: 'docs/runbooks/fix.sh',
        source: '#!/bin/sh\n',
        problems: [{ at: '1:1', message: 'not a Markdown doc' }],
      },
    ],
  },
  checkFile(file, _project, report) {
    if (file.status === 'unexpected') {
      report(file, { line: 1, column: 1 }, 'unexpected', { path: file.path });
    }
  },
});
