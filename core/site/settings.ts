/**
 * Site settings shared by docusaurus.config.ts and the validator, so that links are resolved the way
 * the build resolves them. Change them here only.
 */
export const SITE_SETTINGS = {
  /** Where the handbook is published; alert `runbook_url` annotations point here. */
  url: 'https://ops-handbook.example.com',
  /** Docs are served under `/<routeBasePath>/`. */
  routeBasePath: 'docs',
  /** GitHub Pages serves `/x` from `x.html` without a redirect. */
  trailingSlash: false,
  baseUrl: process.env['BASE_URL']?.trim() || '/',
  /** Stable permalinks, redirecting to wherever the page lives now. */
  runbookPermalink: (id: string) => `/rb/${id}`,
  alertPermalink: (alert: string) => `/alerts/${alert}`,
} as const;
