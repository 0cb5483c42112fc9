import { defineCheck } from '../engine/check.ts';
import { MAX_INDENT, MAX_QUOTE_DEPTH, MAX_TREE_DEPTH, PARSE_BUDGET_MS } from '../engine/parse-guard.ts';

export default defineCheck({
  id: 'file/unparseable',
  description: `Every Markdown file parses within the guards: block quotes at most ${MAX_QUOTE_DEPTH} deep, indentation at most ${MAX_INDENT} columns, nesting at most ${MAX_TREE_DEPTH} levels, and ${PARSE_BUDGET_MS / 1000} s of parsing.`,
  severity: 'error',
  local: true,
  messages: {
    unparseable: 'file was not parsed: {reason}. No other check ran on it',
  },
  docs: {
    why:
      'Some Markdown makes parsers crash or take minutes: thousands of nested `>` or `[`, a list nested a thousand ' +
      'levels deep, a paragraph of tens of thousands of unmatched brackets. Such a file, merged by mistake or on ' +
      'purpose, would stall every validate run and the site build. The validator reports it instead of parsing it, ' +
      'checks every other file as usual, and leaves the file out of cross-references (its headings and links are ' +
      'not known until it parses).',
    fix:
      'Find the construct the message names and remove it: flatten deep nesting (no runbook needs more than a few ' +
      'levels of lists or quotes), split huge lists or paragraphs, put generated or pasted text in a fenced code ' +
      'block or a file under `static/`.',
    good: [{ title: 'Ordinary nesting', source: '---\ntype: guide\n---\n\n> Quoted:\n>\n> > and quoted again\n\n- a\n  - b\n    - c\n' }],
    bad: [
      {
        title: 'Block quotes nested 40 deep',
        source: `---\ntype: guide\n---\n\n${'>'.repeat(40)} deep\n`,
        problems: [{ at: '1:1', message: `block quotes are nested more than ${MAX_QUOTE_DEPTH} deep on line 5` }],
      },
      {
        title: 'A list nested 100 levels deep',
        source: `---\ntype: guide\n---\n\n${Array.from({ length: 100 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n')}\n`,
        problems: [{ at: '1:1', message: `line 86 is indented more than ${MAX_INDENT} columns` }],
      },
      {
        title: 'Emphasis nested 200 deep',
        source: `---\ntype: guide\n---\n\n${'*a **a '.repeat(100)}b${' a** a*'.repeat(100)}\n`,
        problems: [{ at: '1:1', message: `nests more than ${MAX_TREE_DEPTH} levels deep` }],
      },
    ],
  },
  checkFile(file, _project, report) {
    if (file.status !== 'unparseable') return;
    report(file, { line: 1, column: 1 }, 'unparseable', { reason: file.unparseable ?? 'unknown reason' });
  },
});
