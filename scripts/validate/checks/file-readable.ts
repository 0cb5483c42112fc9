import { defineCheck } from '../engine/check.ts';
import { MAX_FILE_BYTES } from '../engine/parse.ts';

const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export default defineCheck({
  id: 'file/readable',
  description: 'Every Markdown file under docs/ is UTF-8 text of a sane size.',
  severity: 'error',
  local: true,
  messages: {
    binary: 'file is binary (it contains NUL bytes), not Markdown text; move it to static/ or delete it',
    notUtf8: 'file is not valid UTF-8; re-save it with UTF-8 encoding',
    tooLarge: 'file is {size}, above the {limit} limit for a doc; it was not parsed. Split it into smaller pages',
  },
  docs: {
    why:
      'A binary, mis-encoded or enormous file named `.md` breaks the site build or makes the page ' +
      'unreadable. The validator reports it instead of trying to parse it.',
    fix:
      'Save the file as UTF-8 text. Move images and other binaries to `static/` and link them. ' +
      `Split pages larger than ${MB(MAX_FILE_BYTES)} (no runbook should be that long).`,
    good: [{ title: 'A UTF-8 Markdown file', source: '---\ntype: guide\n---\n\nText.\n' }],
    bad: [
      {
        title: 'A binary file saved with a .md name',
        source: 'PK\u0003\u0004\u0000\u0000binary',
        problems: [{ at: '1:1', message: 'binary' }],
      },
    ],
  },
  checkFile(file, _project, report) {
    switch (file.status) {
      case 'binary':
        report(file, { line: 1, column: 1 }, 'binary');
        break;
      case 'not-utf8':
        report(file, { line: 1, column: 1 }, 'notUtf8');
        break;
      case 'too-large':
        report(file, { line: 1, column: 1 }, 'tooLarge', { size: MB(file.size), limit: MB(MAX_FILE_BYTES) });
        break;
      default:
        break;
    }
  },
});
