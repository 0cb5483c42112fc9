/**
 * search-index: builds the offline full-text search index once per build, from the same Markdown
 * the site renders (body text, headings, code blocks, and the frontmatter's runbook id, alerts,
 * symptoms and services) with the search vocabulary (docs/search-synonyms.yml), and hands it to
 * the browser as the sharded index of src/search/sharded.ts, one lazily loaded chunk per file
 * (`@generated/search-index/default/meta.json`, `shards/<n>.json`, `store/<n>.json`; see
 * src/search/useHandbookSearch.ts). No external service: the chunks are the site's own, and the
 * PWA precaches them like any other.
 *
 * It also writes `build/search-index.json` (the same documents as one MiniSearch index, as shipped
 * before the sharded design) so that tools can use it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import type { LoadContext, Plugin } from '@docusaurus/types';
import type { LoadedContent } from '@docusaurus/plugin-content-docs';
import { parseMarkdown } from '../../../core/markdown/parse.ts';
import { INDEX_OPTIONS, type SearchDocument } from '../../search/fields.ts';
import { toSearchDocument } from '../../search/documents.ts';
import type { IndexChunk } from '../../search/engine.ts';
import { buildShards, shardCount } from '../../search/sharded.ts';
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
      // The vocabulary: docs/search-synonyms.yml, validated here (a bad entry fails the build).
      const vocabulary = loadVocabulary(context.siteDir);
      // What the browser loads: the sharded index (src/search/sharded.ts), each file a lazily loaded
      // chunk (meta.json on first use, shards and store chunks as queries need them), precached by
      // the service worker like every other chunk.
      for (const [path, data] of buildShards(documents, vocabulary, shardCount(documents.length))) await actions.createData(path, JSON.stringify(data));
      // For tools and measurement: the same documents as one MiniSearch index (build/search-index.json).
      const index = new MiniSearch<SearchDocument>(INDEX_OPTIONS);
      index.addAll(documents);
      const chunk: IndexChunk = { index: index.toJSON() as unknown as Record<string, unknown>, vocabulary };
      json = JSON.stringify(chunk);
    },

    async postBuild({ outDir }) {
      await writeFile(join(outDir, INDEX_FILE), json);
    },
  };
}
