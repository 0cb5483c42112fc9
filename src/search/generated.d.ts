/** The search index chunks written by src/plugins/search-index: the sharded index of src/search/sharded.ts. */
declare module '@generated/search-index/default/meta.json' {
  const meta: import('./sharded.ts').ShardMeta;
  export default meta;
}
