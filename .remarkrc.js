// @ts-check
/**
 * Markdown style of the handbook. One file, read by two tools:
 *
 * - `npm run validate` (check `remark-lint`, scripts/validate/checks/remark-lint.ts) runs these
 *   plugins on the tree it has already parsed and reports `remark-lint:<rule>` problems;
 * - editors with the remark language server (VS Code: the "remark" extension,
 *   unifiedjs.vscode-remark) load this file and show the same messages while you type.
 *
 * Each rule and why it suits runbooks: docs/contributing/markdown-style.md.
 * Severities: 'error' fails CI, 'warn' is reported but does not. Rules of the two presets are
 * warnings unless set again below.
 */
import remarkLintFencedCodeFlag from 'remark-lint-fenced-code-flag';
import remarkLintHeadingIncrement from 'remark-lint-heading-increment';
import remarkLintMaximumHeadingLength from 'remark-lint-maximum-heading-length';
import remarkLintNoDuplicateHeadingsInSection from 'remark-lint-no-duplicate-headings-in-section';
import remarkLintNoEmphasisAsHeading from 'remark-lint-no-emphasis-as-heading';
import remarkLintOrderedListMarkerValue from 'remark-lint-ordered-list-marker-value';
import remarkLintTableCellPadding from 'remark-lint-table-cell-padding';
import remarkPresetLintConsistent from 'remark-preset-lint-consistent';
import remarkPresetLintRecommended from 'remark-preset-lint-recommended';
import remarkLintNoTableTrailingSpace from './scripts/remark/lint-no-table-trailing-space.js';
import { remarkDialect } from './core/markdown/dialect.js';

const config = {
  plugins: [
    // Syntax, not rules: the Markdown dialect Docusaurus reads (core/markdown/dialect.js), so that
    // editors parse frontmatter, GFM tables and task lists, and :::admonitions as CI does.
    ...(remarkDialect().plugins ?? []),

    remarkPresetLintRecommended,
    remarkPresetLintConsistent,

    // An untagged block escapes the command checks and gets no highlighting.
    [remarkLintFencedCodeFlag, ['error']],
    // Skipped levels break the page outline and the table of contents.
    [remarkLintHeadingIncrement, ['error']],
    // Two "Rollback" headings under one section: which one does a link or a pager message mean?
    [remarkLintNoDuplicateHeadingsInSection, ['error']],
    // A bold line is not in the table of contents and cannot be linked to.
    [remarkLintNoEmphasisAsHeading, ['error']],
    // Step numbers in the source are the numbers on the page ("go back to step 4").
    [remarkLintOrderedListMarkerValue, ['error', 'ordered']],
    // Headings are scanned under stress and become anchors and TOC entries. Counted without a
    // Docusaurus `{#custom-id}`.
    [remarkLintMaximumHeadingLength, ['warn', 80]],
    // One space between pipes and cell content (more is fine for aligned columns) ...
    [remarkLintTableCellPadding, ['warn', 'padded']],
    // ... and nothing after the last pipe.
    [remarkLintNoTableTrailingSpace, ['warn']],
  ],
};

export default config;
