/**
 * The static page behind a permalink (`/rb/RB-007`, `/alerts/<AlertName>`) in a built site: a few
 * hundred bytes of HTML, no React, no bundle. It redirects at once with `location.replace` (keeping
 * the `#fragment`, so `/rb/RB-007#rollback` lands on that section), falls back to a meta refresh
 * without JavaScript, names the target as canonical, and shows a link meanwhile.
 *
 * The permalinks plugin adds the page's Content-Security-Policy (the csp plugin's `withPolicy`, with
 * the hash of its inline script) when it emits the page; the service worker precaches it, so a
 * permalink opens offline too.
 */

export type RedirectPage = {
  /** The permalink path, without the base URL (`/rb/RB-007`). */
  from: string;
  /** Where it leads: the served path of the doc, base URL included (`/docs/runbooks/rb-007-x`). */
  to: string;
  /** The absolute URL of the doc, for the canonical link. */
  canonical: string;
  title: string;
};

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A JavaScript string literal that is safe inside `<script>` (no `</script>`, no `<!--`). */
const scriptString = (text: string): string => JSON.stringify(text).replace(/</g, '\\u003c');

export function redirectHtml({ from, to, canonical, title }: RedirectPage): string {
  const href = escapeHtml(to);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=${href}">
<link rel="canonical" href="${escapeHtml(canonical)}">
<script>location.replace(${scriptString(to)}+location.hash)</script>
</head>
<body>
<p><code>${escapeHtml(from)}</code> leads to <a href="${href}">${escapeHtml(title)}</a>.</p>
</body>
</html>
`;
}

const SEGMENT = /^[A-Za-z0-9._-]+$/;

/**
 * The file of a permalink page under the build directory, as Docusaurus names route files:
 * `rb/RB-007.html` with `trailingSlash: false`, else `rb/RB-007/index.html`.
 */
export function redirectFile(from: string, trailingSlash: boolean | undefined): string {
  const segments = from.replace(/^\/+|\/+$/g, '').split('/');
  const bad = segments.find((segment) => !SEGMENT.test(segment) || segment === '.' || segment === '..');
  if (bad !== undefined) throw new Error(`permalinks: "${from}" cannot be a file name (segment "${bad}"); runbook ids and alert names are letters, digits, "-", "_" and "."`);
  const path = segments.join('/');
  return trailingSlash === false ? `${path}.html` : `${path}/index.html`;
}
