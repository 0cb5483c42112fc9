/** The data module written by src/plugins/doc-index: the runbook entries, for the runbook index page. */
declare module '@generated/doc-index/default/runbooks.json' {
  const runbooks: import('./index.ts').DocIndexEntry[];
  export default runbooks;
}
