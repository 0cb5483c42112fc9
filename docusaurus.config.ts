import { fileURLToPath } from 'node:url';
import type { Config } from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';
import { themes as prismThemes } from 'prism-react-renderer';
import { existingSections } from './core/site/existing-sections.ts';
import remarkCatalogDirectives from './src/remark/catalog-directives.ts';
import remarkPlatformDirectives from './src/remark/platform-directives.ts';
import remarkPlaceholderForm from './src/remark/placeholder-form.ts';
import remarkChecklists from './src/remark/checklists.ts';
import remarkPermalinkLinks from './src/remark/permalink-links.ts';
import remarkHighlightCode from './src/remark/highlight-code.ts';
import { SITE_SETTINGS } from './core/site/settings.ts';
import { servedHtmlUrls } from './src/pwa/precache.ts';
import { lightCodeTheme } from './src/prism-theme.ts';
import { MARKDOWN_FORMAT } from './core/markdown/dialect.js';
import { DOC_EXCLUDE, DOC_INCLUDE } from './core/files.ts';

const env = (name: string): string | undefined => process.env[name]?.trim() || undefined;

const repoUrl = (env('HANDBOOK_REPO_URL') ?? 'https://git.example.com/platform/ops-handbook').replace(/\/+$/, '');
// @docusaurus/faster (Rspack, SWC, Lightning CSS): DOCUSAURUS_FASTER=true|false. The default is whichever
// built this repo faster when measured (`npm run build`, 2 cores).
const faster = (env('DOCUSAURUS_FASTER') ?? 'true') !== 'false';

// Prism: the code themes and the prismjs grammars added to prism-react-renderer's, for the build-time
// highlighter (src/remark/highlight-code.ts) and the client-side one (src/code-highlight/ClientCodeBlock.tsx).
const PRISM = { theme: lightCodeTheme, darkTheme: prismThemes.vsDark, additionalLanguages: ['bash', 'sql'] };

const NAVBAR = ['runbooks', 'troubleshooting', 'rollback', 'deployment', 'quick-reference', 'contributing'];
// Only link to sections that exist: a link to a missing one would break the build.
const navbarItems = existingSections()
  .filter((section) => NAVBAR.includes(section.folder))
  .map(({ folder, label }) => ({ to: `/${SITE_SETTINGS.routeBasePath}/${folder}`, label, position: 'left' as const }));

const config: Config = {
  title: 'Operations Handbook',
  tagline: 'Deploy, troubleshoot and roll back the platform.',
  // Shared with `npm run validate`, which resolves links exactly as this build does.
  url: env('SITE_URL') ?? SITE_SETTINGS.url,
  baseUrl: SITE_SETTINGS.baseUrl,
  trailingSlash: SITE_SETTINGS.trailingSlash,
  favicon: 'img/favicon.svg',
  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  markdown: { format: MARKDOWN_FORMAT, mermaid: true, hooks: { onBrokenMarkdownLinks: 'throw' } },
  themes: ['@docusaurus/theme-mermaid'],
  // faster's SSG worker threads need this v4 flag. (Not `v4: true`: its CSS cascade layers, polyfilled for
  // the default browser targets, let Infima override custom.css.)
  future: { v4: { removeLegacyPostBuildHeadAttribute: true }, faster },
  i18n: { defaultLocale: 'en', locales: ['en'] },
  // The runbook header compares review dates with this until the page hydrates, then with the viewer's clock.
  customFields: { builtAt: new Date().toISOString() },
  presets: [
    [
      'classic',
      {
        docs: {
          routeBasePath: SITE_SETTINGS.routeBasePath,
          sidebarPath: './sidebars.ts',
          // Which files are docs: the validator selects the same (core/files.ts).
          include: [...DOC_INCLUDE],
          exclude: [...DOC_EXCLUDE],
          // `::catalog-contacts` and friends: catalog data rendered at build time (src/data/catalog.yml);
          // the placeholders form of pages with `<placeholder>` commands; tickable checklists; links to
          // permalinks (static redirect pages) as plain links; code blocks highlighted at build time.
          remarkPlugins: [
            remarkCatalogDirectives,
            remarkPlatformDirectives,
            remarkPlaceholderForm,
            remarkChecklists,
            remarkPermalinkLinks,
            [remarkHighlightCode, { light: PRISM.theme, dark: PRISM.darkTheme, languages: PRISM.additionalLanguages }],
          ],
          tags: 'tags.yml',
          onInlineTags: 'throw',
          showLastUpdateTime: true,
          showLastUpdateAuthor: true,
          editUrl: `${repoUrl}/edit/main/`,
        },
        blog: false,
        theme: { customCss: './src/css/custom.css' },
      } satisfies Preset.Options,
    ],
  ],
  // esm-site: build fixes for a `"type": "module"` package (see the plugin's header).
  plugins: [
    './src/plugins/catalog/index.ts',
    './src/plugins/doc-index/index.ts',
    './src/plugins/search-index/index.ts',
    './src/plugins/permalinks/index.ts',
    './src/plugins/esm-site/index.ts',
    // The stylesheet of the build-time highlighted code; no Prism loaded at start on the client.
    './src/plugins/code-highlight/index.ts',
    // A Content-Security-Policy meta tag on every page: the build's own inline scripts by hash, nothing else.
    './src/plugins/csp/index.ts',
    // Offline after one visit: the service worker precaches every page and every JS chunk (the search
    // index included) on the first visit, for every visitor ('always': on-call laptops are not
    // "installed apps", and the browser test needs it deterministic).
    [
      '@docusaurus/plugin-pwa',
      {
        offlineModeActivationStrategies: ['always'],
        // The plugin's registration, started when the first page is idle (see the module).
        swRegister: fileURLToPath(new URL('./src/pwa/register-when-idle.ts', import.meta.url)),
        injectManifestConfig: {
          // Pages under the URLs they are served at (trailingSlash: false); see src/pwa/precache.ts.
          manifestTransforms: [servedHtmlUrls],
        },
        pwaHead: [
          { tagName: 'link', rel: 'manifest', href: '/manifest.json' },
          { tagName: 'meta', name: 'theme-color', content: '#1f4f8a' },
          { tagName: 'link', rel: 'apple-touch-icon', href: '/img/apple-touch-icon.png' },
        ],
      },
    ],
  ],
  themeConfig: {
    colorMode: { respectPrefersColorScheme: true },
    navbar: { title: 'Operations Handbook', items: [{ to: '/runbooks', label: 'Runbook index', position: 'left' as const }, ...navbarItems, { type: 'search', position: 'right' }] },
    footer: { style: 'dark', copyright: 'Operations Handbook · platform-sre' },
    prism: PRISM,
    mermaid: { theme: { light: 'neutral', dark: 'dark' } },
  } satisfies Preset.ThemeConfig,
};

export default config;
