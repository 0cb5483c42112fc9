/**
 * code-highlight: the site side of build-time highlighting (src/code-highlight/highlight.ts).
 *
 * - Writes the CSS of the highlighted HTML's classes, derived from the site's two Prism themes, and
 *   loads it on every page (a client module: a stylesheet, no inline style, nothing for the CSP).
 * - Drops the theme's client module that loads Prism and its extra grammars on every page at start
 *   (theme-classic's `prism-include-languages`): blocks highlighted at build time need neither. The
 *   client-side highlighter, for the few blocks that need one (a placeholder filled in the form,
 *   magic comments or line numbers, a `<CodeBlock>` written in JSX), loads Prism and the same
 *   grammars in its own chunk when first used (src/code-highlight/ClientCodeBlock.tsx).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { createHighlighter, type CodeThemes } from '../../code-highlight/highlight.ts';

/** theme-classic's client module `lib/prism-include-languages.js` (not `lib/theme/prism-include-languages`). */
export const THEME_PRISM_CLIENT_MODULE = /[\\/]theme-classic[\\/]lib[\\/]prism-include-languages(\.js)?$/;
const EMPTY_MODULE = fileURLToPath(new URL('./no-client-prism.js', import.meta.url));

export default function codeHighlightPlugin(context: LoadContext): Plugin<void> {
  const prism = (context.siteConfig.themeConfig as { prism: { theme: CodeThemes['light']; darkTheme: CodeThemes['dark'] } }).prism;
  const cssFile = path.join(context.generatedFilesDir, 'code-highlight', 'themes.css');
  mkdirSync(path.dirname(cssFile), { recursive: true });
  writeFileSync(cssFile, createHighlighter({ light: prism.theme, dark: prism.darkTheme }).css());
  return {
    name: 'code-highlight',
    getClientModules() {
      return [cssFile];
    },
    configureWebpack(_config, isServer, { currentBundler }) {
      if (isServer) return {};
      return { plugins: [new currentBundler.instance.NormalModuleReplacementPlugin(THEME_PRISM_CLIENT_MODULE, EMPTY_MODULE)] };
    },
  };
}
