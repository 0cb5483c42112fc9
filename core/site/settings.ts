/**
 * Site settings shared by docusaurus.config.ts and the validator, so that links are resolved the way
 * the build resolves them. Change them here only.
 */
/** Docs are served under `/<ROUTE_BASE_PATH>/`. */
const ROUTE_BASE_PATH = 'docs';

/**
 * The file name of a check's docs page under docs/contributing/checks/ (`links/internal` →
 * `links-internal`); a sub-rule (`remark-lint:heading-increment`) is documented on its check's page.
 */
const checkSlug = (rule: string): string => rule.split(':')[0]!.replace('/', '-');

export const SITE_SETTINGS = {
  /** Where the handbook is published; alert `runbook_url` annotations point here. */
  url: 'https://ops-handbook.example.com',
  routeBasePath: ROUTE_BASE_PATH,
  /** GitHub Pages serves `/x` from `x.html` without a redirect. */
  trailingSlash: false,
  baseUrl: process.env['BASE_URL']?.trim() || '/',
  /** Stable permalinks, redirecting to wherever the page lives now. */
  runbookPermalink: (id: string) => `/rb/${id}`,
  alertPermalink: (alert: string) => `/alerts/${alert}`,
  checkSlug,
  /** The route of a check's docs page (without the base URL), for SARIF help links and reports. */
  checkPage: (rule: string) => `/${ROUTE_BASE_PATH}/contributing/checks/${checkSlug(rule)}`,
} as const;
