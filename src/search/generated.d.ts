/** The search index chunk written by src/plugins/search-index: a serialised MiniSearch index and the vocabulary. */
declare module '@generated/search-index/default/search-index.json' {
  const chunk: import('./engine.ts').IndexChunk;
  export default chunk;
}
