/**
 * The search index's construction (src/plugins/search-index): parses every doc and builds every
 * data file of the sharded index, plus the single MiniSearch index of `build/search-index.json`.
 * Pure and synchronous; the plugin runs it in a worker thread (./worker.mjs), off the build's main
 * thread, on which the bundler's loaders (MDX) run.
 */
import MiniSearch from 'minisearch';
import { parseMarkdown } from '../../../core/markdown/parse.ts';
import { INDEX_OPTIONS, type SearchDocument } from '../../search/fields.ts';
import { toSearchDocument } from '../../search/documents.ts';
import type { IndexChunk } from '../../search/engine.ts';
import { buildShards, shardCount } from '../../search/sharded.ts';
import type { Vocabulary } from '../../search/synonyms.ts';

/** One doc as the index reads it: its Markdown source and what Docusaurus loaded of it. */
export type Source = { file: string; text: string; permalink: string; title: string; description: string; frontMatter: Record<string, unknown> };

/** The index's files: the sharded index's data files by path (`meta.json`, `shards/0.json`…), and the tools' index. */
export type BuiltIndex = { data: Map<string, string>; tools: string };

export function buildIndex(sources: readonly Source[], vocabulary: Vocabulary): BuiltIndex {
  const documents: SearchDocument[] = sources.map((source) => toSearchDocument(source, source.frontMatter, parseMarkdown(source.text)));
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
