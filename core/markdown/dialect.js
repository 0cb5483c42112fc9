// @ts-check
/**
 * The Markdown dialect of the handbook, defined once: what Docusaurus reads `.md` files as
 * (`markdown.format: 'detect'`: CommonMark + GFM + directives for admonitions + YAML frontmatter).
 *
 * - the site: `docusaurus.config.ts` takes `MARKDOWN_FORMAT`;
 * - the validator: `core/markdown/parse.ts` parses with `remarkDialect()`;
 * - editors: `.remarkrc.js` starts its plugin list with `remarkDialect().plugins`, so the remark
 *   language server parses frontmatter, tables, task lists and `:::admonitions` as CI does.
 *
 * Plain JavaScript (checked by TypeScript) because `.remarkrc.js` loads it in editors without a
 * TypeScript loader. The syntax packages are loaded on the first call, not on import, so that a
 * warm validate run whose parse trees come from its cache never loads micromark.
 */
import { createRequire } from 'node:module';

/** `.md` as CommonMark, `.mdx` as MDX: Docusaurus' `markdown.format`. */
export const MARKDOWN_FORMAT = /** @type {const} */ ('detect');

/**
 * The admonition keywords Docusaurus' classic theme renders (`:::danger`, ...), with the legacy
 * aliases it still accepts (`important`, `success`, `secondary`).
 */
export const ADMONITION_KEYWORDS = /** @type {const} */ (['note', 'tip', 'info', 'warning', 'danger', 'caution', 'important', 'success', 'secondary']);

/** Extensions of the files Docusaurus reads as docs. */
export const MARKDOWN_EXTENSIONS = /** @type {const} */ (['.md', '.mdx']);

/** The syntax packages, in the order Docusaurus applies them, with their options. */
export const DIALECT_PLUGINS = /** @type {const} */ ([['remark-frontmatter', ['yaml']], ['remark-gfm'], ['remark-directive']]);

/** @type {import('unified').Preset | undefined} */
let preset;

/**
 * A unified preset of the syntax extensions. No lint rules. The packages are ES modules without
 * top-level await, which Node (20.19+) loads with a synchronous `require`.
 * @returns {import('unified').Preset}
 */
export function remarkDialect() {
  if (preset) return preset;
  const require = createRequire(import.meta.url);
  /** @type {import('unified').PluggableList} */
  const plugins = DIALECT_PLUGINS.map(([name, ...options]) => {
    const plugin = /** @type {{ default: import('unified').Plugin<unknown[]> }} */ (require(name)).default;
    return /** @type {import('unified').Pluggable} */ ([plugin, ...options]);
  });
  preset = { plugins };
  return preset;
}
