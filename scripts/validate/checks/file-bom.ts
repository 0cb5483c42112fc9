import { defineCheck } from '../engine/check.ts';

export default defineCheck({
  id: 'file/bom',
  description: 'Files do not start with a UTF-8 byte-order mark.',
  severity: 'warning',
  local: true,
  messages: {
    bom: 'file starts with a UTF-8 byte-order mark (BOM); re-save it as UTF-8 without BOM',
  },
  docs: {
    why:
      'A byte-order mark is invisible in editors but makes some tools miss the frontmatter fence on ' +
      'line 1, and it shows up as a stray character in diffs.',
    fix: 'Re-save the file as "UTF-8" (without BOM). Positions in reports ignore the BOM.',
    good: [{ title: 'No BOM', source: '---\ntype: guide\n---\n' }],
    bad: [{ title: 'A BOM before the frontmatter', source: '\uFEFF---\ntype: guide\n---\n', problems: [{ at: '1:1', message: 'byte-order mark' }] }],
  },
  checkFile(file, _project, report) {
    if (file.hasBom) report(file, { line: 1, column: 1 }, 'bom');
  },
});
