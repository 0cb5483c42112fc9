/**
 * The shipped docs as search documents, built the way the search-index plugin builds them
 * (`toSearchDocument` over each page's frontmatter and Markdown tree), for the scenario test and
 * `npm run bench:search`. Each file is read and parsed once by the validator's own parser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseText } from '../../scripts/validate/engine/parse.ts';
import { toSearchDocument } from '../../src/search/documents.ts';
import type { SearchDocument } from '../../src/search/fields.ts';

export function shippedSearchDocuments(root: string): SearchDocument[] {
  const docs = join(root, 'docs');
  return readdirSync(docs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => join(e.parentPath, e.name))
    .sort()
    .flatMap((file) => {
      const parsed = parseText(relative(root, file), readFileSync(file, 'utf8'));
      if (!parsed.tree) return [];
      const data = parsed.frontmatter?.data;
      const frontmatter = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
      const title = typeof frontmatter['title'] === 'string' ? frontmatter['title'] : relative(docs, file);
      const description = typeof frontmatter['description'] === 'string' ? frontmatter['description'] : '';
      return [toSearchDocument({ permalink: parsed.path, title, description }, frontmatter, parsed.tree)];
    });
}
