/** The search index chunk written by src/plugins/search-index (a serialized MiniSearch index). */
declare module '@generated/search-index/default/search-index.json' {
  const index: Record<string, unknown>;
  export default index;
}
