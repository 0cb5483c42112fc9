/**
 * The client-side highlighter: the theme's own code block (prism-react-renderer, with the theme's
 * extra grammars), for the blocks the build did not highlight as shown (see src/theme/CodeBlock).
 * Imported lazily, so Prism and its grammars are in this chunk only, loaded when first needed.
 */
import { Prism } from 'prism-react-renderer';
import prismIncludeLanguages from '@theme/prism-include-languages';
import CodeBlock from '@theme-original/CodeBlock';
import type CodeBlockType from '@theme/CodeBlock';

prismIncludeLanguages(Prism as Parameters<typeof prismIncludeLanguages>[0]);

export default CodeBlock as typeof CodeBlockType;
