/**
 * Precache manifest for @docusaurus/plugin-pwa (workbox-build `manifestTransforms`).
 *
 * With `trailingSlash: false` a page `/docs/x` is the file `docs/x.html`, but the plugin's service
 * worker looks a request up only as `/docs/x` and `/docs/x/index.html`, so offline it would find no
 * page but the home page. Each `x.html` page is therefore precached under its served URL `x` (the
 * server answers it with the same file, as GitHub Pages does). `index.html` files and `404.html`
 * keep their names: the first are found as they are, the second is not served at `/404` with 200.
 *
 * Also leaves out the build's data files for tools (the search index is precached as the webpack
 * chunk the site imports, not as `search-index.json`).
 */
type Entry = { url: string; revision: string | null; size: number };

const TOOL_FILES = new Set(['search-index.json', 'doc-index.json', 'runbooks.json']);

export function servedHtmlUrls(entries: Entry[]): { manifest: Entry[]; warnings: string[] } {
  const manifest = entries
    .filter((entry) => !TOOL_FILES.has(entry.url))
    .map((entry) => {
      const isPage = entry.url.endsWith('.html') && !/(^|\/)(index|404)\.html$/.test(entry.url);
      return isPage ? { ...entry, url: entry.url.slice(0, -'.html'.length) } : entry;
    });
  return { manifest, warnings: [] };
}
