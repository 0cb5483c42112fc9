/**
 * Parses Markdown in the handbook's dialect (core/markdown/dialect.js) into an mdast tree with
 * positions. Used by the validator (once per file, cached by content hash) and by the site's
 * search-index plugin at build time.
 */
import { createRequire } from 'node:module';
import type { Processor } from 'unified';
import type { Root } from 'mdast';
import { remarkDialect } from './dialect.js';

let processor: Processor<Root> | undefined;

/**
 * The parser is loaded on first use, not at start-up: a warm validate run whose trees all come
 * from its cache never loads micromark (about half a second of module loading). The packages are
 * ESM without top-level await, which Node (20.19+) loads with a synchronous `require`, so parsing
 * stays synchronous for every check and test.
 */
function markdownProcessor(): Processor<Root> {
  if (processor) return processor;
  const require = createRequire(import.meta.url);
  const { unified } = require('unified') as typeof import('unified');
  const remarkParse = (require('remark-parse') as typeof import('remark-parse')).default;
  processor = unified().use(remarkParse).use(remarkDialect()) as unknown as Processor<Root>;
  return processor;
}

export function parseMarkdown(source: string): Root {
  const markdown = markdownProcessor();
  return markdown.runSync(markdown.parse(source)) as Root;
}
