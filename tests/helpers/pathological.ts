/**
 * cmark's pathological inputs (commonmark/cmark test/pathological_tests.py), at 50,000 scale:
 * each is a Markdown source the validator must turn into a clear problem, or check, in seconds.
 * Shared by tests/integration/pathological.test.ts and `npm run bench:pathological`.
 */
const N = 50_000;

export interface PathologicalCase {
  name: string;
  source: string;
}

export const PATHOLOGICAL: PathologicalCase[] = [
  { name: 'nested brackets', source: `${'['.repeat(N)}a${']'.repeat(N)}\n` },
  { name: 'many link openers', source: `${'[a'.repeat(N)}\n` },
  { name: 'many link closers', source: `${'a]'.repeat(N)}\n` },
  { name: 'nested strong emphasis', source: `${'*a **a '.repeat(N)}b${' a** a*'.repeat(N)}\n` },
  { name: 'emphasis openers without closers', source: `${'_a '.repeat(N)}\n` },
  { name: 'emphasis closers without openers', source: `${'a_ '.repeat(N)}\n` },
  { name: 'mismatched emphasis', source: `${'*a_ '.repeat(N)}\n` },
  { name: 'link openers and emphasis closers', source: `${'[ a_'.repeat(N)}\n` },
  { name: 'nested block quotes', source: `${'>'.repeat(N)}a\n` },
  { name: 'nested block quotes, one per line', source: Array.from({ length: 1000 }, (_, i) => `${'> '.repeat(i + 1)}a`).join('\n') + '\n' },
  { name: 'nested lists, 1,000 deep', source: Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}* a`).join('\n') + '\n' },
  { name: 'nested list markers', source: `${'* '.repeat(N)}a\n` },
  { name: 'many list items', source: '* a\n'.repeat(N) },
  { name: 'unclosed links [a](', source: `${'[a]('.repeat(N)}\n` },
  { name: 'unclosed links [a](<b', source: `${'[a](<b'.repeat(N)}\n` },
  { name: 'unclosed links [a](b', source: `${'[a](b'.repeat(N)}\n` },
  { name: 'long backtick runs', source: Array.from({ length: 5000 }, (_, i) => `e${'`'.repeat(i + 1)}`).join('') + '\n' },
  { name: 'backticks', source: `${'`a'.repeat(N)}\n` },
  { name: 'many reference definitions', source: Array.from({ length: N }, (_, i) => `[${i}]: u\n`).join('') + '[0] '.repeat(N) + '\n' },
  { name: 'NUL bytes', source: `${'abc\u0000de\u0000'.repeat(N)}\n` },
  { name: 'NUL bytes after the first 8,000', source: `${'a'.repeat(8000)}\n\n${'abc\u0000de\u0000\n'.repeat(N / 10)}` },
  { name: 'unclosed HTML comments', source: `</${'<!--'.repeat(N)}\n` },
  { name: 'pattern [ (]( repeated', source: `${'[ (]('.repeat(N)}\n` },
];
