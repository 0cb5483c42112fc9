/**
 * Highlights each fenced code block at build time (src/code-highlight/highlight.ts) and hands the
 * lines' HTML to the CodeBlock wrapper as the `highlighted` property of the block's `<code>`
 * (src/theme/CodeBlock). Shell blocks with placeholders are highlighted as the wrapper shows them
 * before any value is filled: each placeholder as written, marked. Mermaid blocks are left to the
 * Mermaid theme (its remark step runs before this one).
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { createHighlighter, loadLanguages, type CodeThemes } from '../code-highlight/highlight.ts';
import { isShellLanguage, markPlaceholders } from '../placeholders/text.ts';
import { unmarkLine } from '../placeholders/marked-tokens.ts';

export type HighlightCodeOptions = CodeThemes & {
  /** The prismjs grammars the theme adds (`themeConfig.prism.additionalLanguages`). */
  languages: readonly string[];
};

export default function remarkHighlightCode(options: HighlightCodeOptions) {
  loadLanguages(options.languages);
  const highlighter = createHighlighter(options);
  return (tree: Root): void => {
    visit(tree, 'code', (node) => {
      if (node.lang === 'mermaid') return;
      // As the theme: the language of the class name, lower-cased, else `text` (no grammar).
      const language = node.lang?.toLowerCase() ?? 'text';
      const placeholders = isShellLanguage(language) && node.value.includes('<');
      const code = placeholders ? markPlaceholders(node.value, {}) : node.value;
      const html = highlighter.html(code, language, placeholders ? unmarkLine : undefined);
      node.data = { ...node.data, hProperties: { ...node.data?.hProperties, highlighted: html } };
    });
  };
}
