/**
 * esm-site: lets Docusaurus 3.10 build a site whose package.json says `"type": "module"` (needed by
 * the TypeScript scripts), with either bundler (Webpack + Babel, or Rspack + SWC via
 * @docusaurus/faster).
 *
 * - The generated `.docusaurus/*.js` would be parsed as strict ESM, which leaves
 *   `require.resolveWeak(...)` untransformed: "require.resolveWeak is not a function" during SSG.
 *   They are parsed as `javascript/auto` instead.
 * - Server-side chunks are loaded with Node's `require()`; named `.js` under a `"type": "module"`
 *   package they would be treated as ESM ("exports is not defined in ES module scope"). They are
 *   named `.cjs` instead.
 * - theme-mermaid imports the optional `@mermaid-js/layout-elk` behind a flag that Babel's
 *   transpiled output does not let Webpack drop; when the package is not installed it is aliased to
 *   an empty module (ELK layouts are off then anyway).
 */
import { createRequire } from 'node:module';
import type { Plugin } from '@docusaurus/types';

const require = createRequire(import.meta.url);

function isInstalled(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

export default function esmSitePlugin(): Plugin<void> {
  const elkInstalled = isInstalled('@mermaid-js/layout-elk');
  return {
    name: 'esm-site',
    configureWebpack(_config, isServer) {
      return {
        module: { rules: [{ test: /[\\/]\.docusaurus[\\/].*\.js$/, type: 'javascript/auto' }] },
        ...(isServer && { output: { chunkFilename: 'assets/js/[id].[contenthash:8].cjs' } }),
        ...(!elkInstalled && { resolve: { alias: { '@mermaid-js/layout-elk': false } } }),
      };
    },
  };
}
