/**
 * search-index: builds the offline full-text search index once per build, from the same Markdown
 * the site renders (body text, headings, code blocks, and the frontmatter's runbook id, alerts,
 * symptoms and services) with the search vocabulary (docs/search-synonyms.yml), and hands it to the browser as a lazily loaded chunk:
 * `import('@generated/search-index/default/search-index.json')` (see src/search/useHandbookSearch.ts).
 * No external service, nothing fetched at query time; the PWA precaches the chunk like any other.
 *
 * It also writes `build/search-index.json` (the same data) so that its size can be measured and
 * tools can use it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import type { LoadContext, Plugin } from '@docusaurus/types';
import type { LoadedContent } from '@docusaurus/plugin-content-docs';
import { parseMarkdown } from '../../../scripts/validate/engine/parse.ts';
import { INDEX_OPTIONS, type SearchDocument } from '../../search/fields.ts';
import { toSearchDocument } from '../../search/documents.ts';
import type { IndexChunk } from '../../search/engine.ts';
import { loadVocabulary } from '../../search/synonyms.ts';
import { servedPath } from '../doc-index/index.ts';

export const PLUGIN_NAME = 'search-index';
export const INDEX_FILE = 'search-index.json';

export default function searchIndexPlugin(context: LoadContext): Plugin<void> {
  let json = '';
  return {
    name: PLUGIN_NAME,

    async allContentLoaded({ allContent, actions }) {
      const docs = allContent['docusaurus-plugin-content-docs']?.['default'] as LoadedContent | undefined;
      if (!docs) throw new Error(`${PLUGIN_NAME}: the docs plugin is not loaded`);
      const documents: SearchDocument[] = [];
      for (const version of docs.loadedVersions) {
        for (const doc of version.docs) {
          if (doc.unlisted) continue;
          const file = doc.source.startsWith('@site/') ? join(context.siteDir, doc.source.slice('@site/'.length)) : doc.source;
          const tree = parseMarkdown(await readFile(file, 'utf8'));
          const permalink = servedPath(doc.permalink, context.siteConfig.trailingSlash, context.siteConfig.baseUrl);
          documents.push(toSearchDocument({ permalink, title: doc.title, description: doc.description }, doc.frontMatter as Record<string, unknown>, tree));
        }
      }
      const index = new MiniSearch<SearchDocument>(INDEX_OPTIONS);
      index.addAll(documents);
      // The vocabulary (docs/search-synonyms.yml, validated here: a bad entry fails the build) goes
      // in the same chunk, so that the first query needs one download.
      const chunk: IndexChunk = { index: index.toJSON() as unknown as Record<string, unknown>, vocabulary: loadVocabulary(context.siteDir) };
      json = JSON.stringify(chunk);
      await actions.createData(INDEX_FILE, json);
    },

    async postBuild({ outDir }) {
      await writeFile(join(outDir, INDEX_FILE), json);
    },
  };
}
