/**
 * The bundler loader of the search index's data modules (src/plugins/search-index/index.ts): each
 * generated file under `.docusaurus/search-index/` is a placeholder naming the index's inputs; the
 * loader answers it with the file's real content once the plugin has built the index, which it
 * does while the bundler works on everything else. Plain CommonJS: the bundler loads it with
 * `require`. The plugin and the loader run in the same process and meet on a global.
 */
'use strict';

const KEY = Symbol.for('ops-handbook.search-index');

module.exports = function searchIndexLoader() {
  const callback = this.async();
  const pending = globalThis[KEY];
  if (!pending) {
    callback(new Error(`search-index loader: no index is being built for ${this.resourcePath} (is the search-index plugin loaded?)`));
    return;
  }
  pending.then((files) => {
    const content = files.get(this.resourcePath);
    if (content === undefined) callback(new Error(`search-index loader: the index has no file ${this.resourcePath}`));
    else callback(null, content);
  }, callback);
};
