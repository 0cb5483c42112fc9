// @ts-check
/**
 * remark-lint rule `no-table-trailing-space`: a GFM table row must not end in spaces or tabs
 * (after the closing pipe, or after the last cell of a table written without outer pipes).
 *
 * Trailing whitespace is invisible in the editor and in the rendered page, but it shows up as noise
 * in every diff of the table and makes the next edit of a row look like a change to the row after
 * it. `remark-lint-table-cell-padding` checks the spaces around cell content; it does not look at
 * what comes after the last cell, so this small rule does.
 *
 * Plain JavaScript (not TypeScript) because `.remarkrc.js` imports it and editors load that file
 * with Node.js directly.
 */
import { lintRule } from 'unified-lint-rule';
import { visit } from 'unist-util-visit';

const remarkLintNoTableTrailingSpace = lintRule(
  {
    origin: 'remark-lint:no-table-trailing-space',
    url: 'https://github.com/example/ops-handbook/blob/main/docs/contributing/markdown-style.md#no-table-trailing-space',
  },
  /**
   * @param {import('mdast').Root} tree
   * @param {import('vfile').VFile} file
   */
  function (tree, file) {
    const source = String(file);
    const lineStarts = [0];
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) lineStarts.push(i + 1);
    visit(tree, 'table', (node) => {
      const start = node.position?.start.line;
      const end = node.position?.end.line;
      if (start === undefined || end === undefined) return;
      for (let line = start; line <= end; line++) {
        const from = lineStarts[line - 1];
        if (from === undefined) continue;
        const next = lineStarts[line];
        let text = source.slice(from, next === undefined ? source.length : next - 1);
        if (text.endsWith('\r')) text = text.slice(0, -1);
        const trailing = /[ \t]+$/.exec(text);
        if (!trailing) continue;
        // Reported where the row starts: remark-lint drops messages that start after the last text
        // of the document, which the end of a table's last row at the end of a page is.
        const column = (/^\s*/.exec(text)?.[0].length ?? 0) + 1;
        const count = trailing[0].length;
        file.message(
          `Unexpected ${count} trailing whitespace character${count === 1 ? '' : 's'} after the table row, remove ${count === 1 ? 'it' : 'them'}`,
          { place: { line, column } },
        );
      }
    });
  },
);

export default remarkLintNoTableTrailingSpace;
