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
 * building the index in a worker thread (./worker.mjs running ./build.ts), and returns; the
 * bundler compiles the site meanwhile, its loaders (MDX) on the main thread, which the index no
 * longer holds up, and `loader.cjs` hands it each file's real content when it gets to it. The placeholder changes whenever an input does,
 * so the bundler's persistent cache never serves a stale index. The file names depend only on the
 * number of documents (shardCount, STORE_CHUNK), so they are known before the index is.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LoadContext, Plugin } from '@docusaurus/types';
import type { LoadedContent } from '@docusaurus/plugin-content-docs';
import { shardCount, STORE_CHUNK } from '../../search/sharded.ts';
import { loadVocabulary, type Vocabulary } from '../../search/synonyms.ts';
import { servedPath } from '../doc-index/index.ts';
import type { BuiltIndex, Source } from './build.ts';

export const PLUGIN_NAME = 'search-index';
export const INDEX_FILE = 'search-index.json';

/** Where loader.cjs finds the files being built (one process: the plugin's and the bundler's). */
const PENDING = Symbol.for('ops-handbook.search-index');
const LOADER = fileURLToPath(new URL('./loader.cjs', import.meta.url));
const WORKER = new URL('./worker.mjs', import.meta.url);
/** The code that shapes the index: part of the placeholders' hash, so a change of it rebuilds the index. */
const CODE = ['../../search/documents.ts', '../../search/sharded.ts', '../../search/tokenize.ts', '../../search/fields.ts', '../../../core/markdown/parse.ts', './build.ts', './index.ts'].map(
  (path) => fileURLToPath(new URL(path, import.meta.url)),
);

/** The data files the sharded index of `documents` documents has (see buildShards). */
export function indexFiles(documents: number): string[] {
  const shards = shardCount(documents);
  return [
    'meta.json',
    ...Array.from({ length: shards }, (_, i) => `shards/${i}.json`),
    ...Array.from({ length: Math.ceil(documents / STORE_CHUNK) }, (_, i) => `store/${i}.json`),
  ];
}

/**
 * Builds every file of the index (./build.ts) in a worker thread, which ends when it has answered.
 * The main thread only sends the sources and receives the files' text.
 */
function buildIndexInWorker(sources: Source[], vocabulary: Vocabulary): Promise<BuiltIndex> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { sources, vocabulary } });
    let answered = false;
    worker.once('message', (answer: BuiltIndex | { error: string }) => {
      answered = true;
      if ('error' in answer) reject(new Error(`${PLUGIN_NAME}: building the index failed: ${answer.error}`));
      else resolve(answer);
      void worker.terminate();
    });
    worker.once('error', (error) => reject(new Error(`${PLUGIN_NAME}: the index worker failed: ${error.stack ?? error.message}`)));
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`${PLUGIN_NAME}: the index worker exited (code ${code}) without an index`));
    });
  });
}

export default function searchIndexPlugin(context: LoadContext): Plugin<void> {
  const dataDir = join(context.generatedFilesDir, PLUGIN_NAME, 'default');
  let built: Promise<BuiltIndex> | undefined;
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
      const pending = buildIndexInWorker(sources, vocabulary).then(({ data, tools }) => {
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
