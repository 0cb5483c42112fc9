/**
 * The search-index plugin writes its data files as placeholders before it builds the index
 * (src/plugins/search-index), so the file names must follow from the number of documents alone.
 */
import { describe, expect, it } from 'vitest';
import { buildShards, shardCount } from '../../src/search/sharded.ts';
import { loadVocabulary } from '../../src/search/synonyms.ts';
import { indexFiles } from '../../src/plugins/search-index/index.ts';
import { ROOT } from '../helpers/examples.ts';
import { shippedSearchDocuments } from '../helpers/search-documents.ts';

describe('search index files', () => {
  const documents = shippedSearchDocuments(ROOT);
  const vocabulary = loadVocabulary(ROOT);

  it.each([1, 31, 32, 33, documents.length])('are known from the number of documents (%i)', (count) => {
    const some = Array.from({ length: count }, (_, i) => documents[i % documents.length]!);
    const built = [...buildShards(some, vocabulary, shardCount(count)).keys()].sort();
    expect(built).toEqual(indexFiles(count).sort());
  });
});
