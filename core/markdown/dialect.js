// @ts-check
/**
 * The Markdown dialect of the handbook, defined once: what Docusaurus reads `.md` files as
 * (`markdown.format: 'detect'`: CommonMark + GFM + directives for admonitions + YAML frontmatter).
 *
 * - the site: `docusaurus.config.ts` takes `MARKDOWN_FORMAT` and `ADMONITION_KEYWORDS`;
 * - the validator: `core/markdown/parse.ts` parses with `remarkDialect` (scripts/validate);
 * - editors: `.remarkrc.js` starts its plugin list with `remarkDialect.plugins`, so the remark
 *   language server parses frontmatter, tables, task lists and `:::admonitions` as CI does.
 *
 * Plain JavaScript (checked by TypeScript) because `.remarkrc.js` loads it in editors without a
 * TypeScript loader.
 */
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';

/** `.md` as CommonMark, `.mdx` as MDX: Docusaurus' `markdown.format`. */
export const MARKDOWN_FORMAT = /** @type {const} */ ('detect');

/**
 * The admonition keywords Docusaurus' classic theme renders (`:::danger`, ...), with the legacy
 * aliases it still accepts (`important`, `success`, `secondary`).
 */
export const ADMONITION_KEYWORDS = /** @type {const} */ (['note', 'tip', 'info', 'warning', 'danger', 'caution', 'important', 'success', 'secondary']);

/** Extensions of the files Docusaurus reads as docs. */
export const MARKDOWN_EXTENSIONS = /** @type {const} */ (['.md', '.mdx']);

/**
 * A unified preset: the syntax extensions, in the order Docusaurus applies them. No lint rules.
 * @type {import('unified').Preset}
 */
export const remarkDialect = {
  plugins: [[remarkFrontmatter, ['yaml']], remarkGfm, remarkDirective],
};
