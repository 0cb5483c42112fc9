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
 *
 * Off the build's critical path: parsing every doc again takes seconds (about 3 s for 1,000 docs),
 * and before the bundler starts only one core works. So the plugin writes each data file as a
 * placeholder naming the index's inputs (a hash of the docs, the vocabulary and this code), starts
 * building the index, and returns; the bundler compiles the site meanwhile, and `loader.cjs` hands
 * it each file's real content when it gets to it. The placeholder changes whenever an input does,
 * so the bundler's persistent cache never serves a stale index. The file names depend only on the
 * number of documents (shardCount, STORE_CHUNK), so they are known before the index is.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import type { LoadContext, Plugin } from '@docusaurus/types';
import type { LoadedContent } from '@docusaurus/plugin-content-docs';
import { parseMarkdown } from '../../../core/markdown/parse.ts';
import { INDEX_OPTIONS, type SearchDocument } from '../../search/fields.ts';
import { toSearchDocument } from '../../search/documents.ts';
import type { IndexChunk } from '../../search/engine.ts';
import { buildShards, shardCount, STORE_CHUNK } from '../../search/sharded.ts';
import { loadVocabulary, type Vocabulary } from '../../search/synonyms.ts';
import { servedPath } from '../doc-index/index.ts';

export const PLUGIN_NAME = 'search-index';
export const INDEX_FILE = 'search-index.json';

/** Where loader.cjs finds the files being built (one process: the plugin's and the bundler's). */
const PENDING = Symbol.for('ops-handbook.search-index');
const LOADER = fileURLToPath(new URL('./loader.cjs', import.meta.url));
/** The code that shapes the index: part of the placeholders' hash, so a change of it rebuilds the index. */
const CODE = ['../../search/documents.ts', '../../search/sharded.ts', '../../search/tokenize.ts', '../../search/fields.ts', '../../../core/markdown/parse.ts', './index.ts'].map(
  (path) => fileURLToPath(new URL(path, import.meta.url)),
);

type Source = { file: string; text: string; permalink: string; title: string; description: string; frontMatter: Record<string, unknown> };

/** The data files the sharded index of `documents` documents has (see buildShards). */
export function indexFiles(documents: number): string[] {
  const shards = shardCount(documents);
  return [
    'meta.json',
    ...Array.from({ length: shards }, (_, i) => `shards/${i}.json`),
    ...Array.from({ length: Math.ceil(documents / STORE_CHUNK) }, (_, i) => `store/${i}.json`),
  ];
}

/** Parses the docs (yielding to the bundler between them) and builds every file of the index. */
async function buildIndex(sources: Source[], vocabulary: Vocabulary): Promise<{ data: Map<string, string>; tools: string }> {
  const documents: SearchDocument[] = [];
  for (const [i, source] of sources.entries()) {
    if (i % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
    documents.push(toSearchDocument(source, source.frontMatter, parseMarkdown(source.text)));
  }
  // What the browser loads: the sharded index (src/search/sharded.ts), each file a lazily loaded
  // chunk (meta.json on first use, shards and store chunks as queries need them), precached by
  // the service worker like every other chunk.
  const data = new Map([...buildShards(documents, vocabulary, shardCount(documents.length))].map(([path, value]) => [path, JSON.stringify(value)]));
  // For tools and measurement: the same documents as one MiniSearch index (build/search-index.json).
  const index = new MiniSearch<SearchDocument>(INDEX_OPTIONS);
  index.addAll(documents);
  const chunk: IndexChunk = { index: index.toJSON() as unknown as Record<string, unknown>, vocabulary };
  return { data, tools: JSON.stringify(chunk) };
}

export default function searchIndexPlugin(context: LoadContext): Plugin<void> {
  const dataDir = join(context.generatedFilesDir, PLUGIN_NAME, 'default');
  let built: Promise<{ data: Map<string, string>; tools: string }> | undefined;
  return {
    name: PLUGIN_NAME,

    async allContentLoaded({ allContent, actions }) {
      const docs = allContent['docusaurus-plugin-content-docs']?.['default'] as LoadedContent | undefined;
      if (!docs) throw new Error(`${PLUGIN_NAME}: the docs plugin is not loaded`);
      const sources: Source[] = [];
      for (const version of docs.loadedVersions) {
        for (const doc of version.docs) {
          if (doc.unlisted) continue;
          const file = doc.source.startsWith('@site/') ? join(context.siteDir, doc.source.slice('@site/'.length)) : doc.source;
          const permalink = servedPath(doc.permalink, context.siteConfig.trailingSlash, context.siteConfig.baseUrl);
          sources.push({ file, text: '', permalink, title: doc.title, description: doc.description, frontMatter: doc.frontMatter as Record<string, unknown> });
        }
      }
      await Promise.all(sources.map(async (source) => (source.text = await readFile(source.file, 'utf8'))));
      // The vocabulary: docs/search-synonyms.yml, validated here (a bad entry fails the build at once).
      const vocabulary = loadVocabulary(context.siteDir);
      const hash = createHash('sha256').update(JSON.stringify(vocabulary));
      for (const file of CODE) hash.update(await readFile(file));
      for (const { text, file: _file, ...page } of sources) hash.update(JSON.stringify(page)).update(text);
      const inputs = hash.digest('hex');

      const files = indexFiles(sources.length);
      // The placeholders first: started earlier, the index's parsing would hold up these writes.
      for (const path of files) await actions.createData(path, JSON.stringify({ placeholder: PLUGIN_NAME, inputs, path }));
      const pending = buildIndex(sources, vocabulary).then(({ data, tools }) => {
        const unexpected = [...data.keys()].filter((path) => !files.includes(path));
        if (unexpected.length > 0 || data.size !== files.length) {
          throw new Error(`${PLUGIN_NAME}: the index has files ${[...data.keys()].join(', ')}, the placeholders were ${files.join(', ')}`);
        }
        return { data: new Map([...data].map(([path, content]) => [join(dataDir, path), content])), tools };
      });
      // Failures surface where the index is awaited: in the loader (the build fails) and in postBuild.
      const data = pending.then((index) => index.data);
      for (const promise of [pending, data]) promise.catch(() => undefined);
      built = pending;
      (globalThis as Record<symbol, unknown>)[PENDING] = data;
    },

    configureWebpack() {
      return { module: { rules: [{ test: /\.json$/, include: dataDir, use: [{ loader: LOADER }] }] } };
    },

    async postBuild({ outDir }) {
      if (!built) throw new Error(`${PLUGIN_NAME}: no index was built`);
      await writeFile(join(outDir, INDEX_FILE), (await built).tools);
    },
  };
}
