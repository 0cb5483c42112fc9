/**
 * Links to permalinks (`/rb/RB-007`, `/alerts/<AlertName>`). In a build these are static redirect
 * pages, not routes (see ./index.ts), so a link to one must be a plain link: a full page load that
 * the redirect page answers, not a client-side navigation to a route the client router does not
 * have. Docusaurus' `pathname://` prefix makes `<Link>` (and a Markdown link) render a plain `<a>`
 * with the base URL added; after the build the permalinks plugin checks that each has its page.
 *
 * Imported by components, so it imports nothing (core/site/settings.ts reads `process.env`).
 */

/** The `to` / `href` of a link to a permalink path: `pathname:///rb/RB-007`. */
export const permalinkHref = (path: string): string => `pathname://${path}`;

/** The props of a `<Link>` to a permalink path: `<Link {...permalinkLink('/alerts/X')}>`. */
export const permalinkLink = (path: string) => ({ to: permalinkHref(path), target: '_self' }) as const;
