/**
 * Which files under `docs/` are docs: Docusaurus' own rules (plugin-content-docs' default
 * `include` and `exclude`, i.e. `GlobExcludeDefault`), passed explicitly to the docs plugin in
 * docusaurus.config.ts and used by the validator's file walk, so both see the same set. Partials
 * (`_snippet.md`, `_shared/…`) are not docs: Docusaurus gives them no route, and the validator does
 * not check them as pages. Build time only (Node).
 */
import { GlobExcludeDefault, createMatcher } from '@docusaurus/utils/lib/globUtils.js';

export const DOCS_DIR = 'docs';
export const DOC_INCLUDE: readonly string[] = ['**/*.{md,mdx}'];
export const DOC_EXCLUDE: readonly string[] = GlobExcludeDefault;

const included = createMatcher([...DOC_INCLUDE]);
const excluded = createMatcher([...DOC_EXCLUDE]);

/** Is `path` (relative to the docs folder, `/` separators) a doc Docusaurus builds a page from? */
export function isDocPath(path: string): boolean {
  return included(path) && !excluded(path);
}

/** Is `path` (relative to the docs folder) excluded by Docusaurus (a partial, a test file)? */
export function isExcludedPath(path: string): boolean {
  return excluded(path);
}
