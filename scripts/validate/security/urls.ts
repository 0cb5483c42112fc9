/**
 * URL schemes a published page must not link to or load: `javascript:` and `vbscript:` run code,
 * `file:` reads the reader's disk, and `data:` can be a whole HTML document or an SVG with script.
 * Only raster images are allowed as `data:` URLs.
 */
import { decodeEntities } from './html.ts';

export const BLOCKED_SCHEMES = ['javascript', 'vbscript', 'file', 'data'] as const;
export type BlockedScheme = (typeof BLOCKED_SCHEMES)[number];

/** The data: URLs that are allowed: raster images, which cannot run script. */
export const SAFE_DATA_URL = /^data:image\/(?:png|gif|jpeg|webp)[;,]/i;

/**
 * Browsers ignore leading and trailing control characters and spaces and every tab and newline
 * inside a URL (`java\tscript:` is `javascript:`); invisible format characters are removed too.
 */
const IGNORED = /[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g;

/** The blocked scheme `url` uses (after decoding character references and dropping ignored characters), else null. */
export function blockedScheme(url: string, options: { decode?: boolean } = {}): BlockedScheme | null {
  const text = (options.decode === false ? url : decodeEntities(url)).replace(IGNORED, '');
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(text);
  if (!m) return null;
  const scheme = m[1]!.toLowerCase();
  if (scheme === 'data') return SAFE_DATA_URL.test(text) ? null : 'data';
  return (BLOCKED_SCHEMES as readonly string[]).includes(scheme) ? (scheme as BlockedScheme) : null;
}

export const SCHEME_RISK: Record<BlockedScheme, string> = {
  javascript: 'runs script in the reader\'s browser when clicked or loaded',
  vbscript: 'runs script in the reader\'s browser when clicked or loaded',
  file: 'points at the reader\'s own disk; it works for nobody else and can read local files',
  data: 'embeds a whole document (HTML or SVG can carry script) instead of linking to one; only data:image/png, gif, jpeg and webp are allowed',
};

/** HTML and JSX attributes whose value is a URL the browser follows or loads. */
export const URL_ATTRIBUTES = new Set([
  'href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'cite', 'background', 'codebase',
  'longdesc', 'usemap', 'lowsrc', 'dynsrc', 'manifest', 'ping', 'srcset', 'imagesrcset', 'to', 'icon', 'profile',
  'archive', 'classid', 'itemtype', 'xmlns', 'content',
  // SVG animation can set an href to any of these: <animate attributeName="href" values="javascript:…">
  'values', 'from', 'by',
]);
