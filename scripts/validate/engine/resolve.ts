/**
 * Resolves an internal link from a doc the way the site build does: Markdown file links relative to
 * the file, site-absolute routes, relative URLs against the page URL, static assets, anchors.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { relative as relativePath } from 'node:path/posix';
import { SECTIONS } from '../../../core/site/sections.ts';
import { SITE_SETTINGS } from '../../../core/site/settings.ts';
import { headingsOf, listedAlerts, projectFact, runbookIds } from './facts.ts';
import { parseFile } from './parse.ts';
import { normaliseRoute, siteMap } from './routes.ts';
import { closest, closestBySharedWords } from './suggest.ts';
import type { DocFile, Project } from './types.ts';

export type Resolution =
  | { ok: true; target?: DocFile; external?: boolean }
  | { ok: false; message: string; suggestion?: string };

export const isExternal = (url: string) => /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//');

function splitUrl(url: string): { path: string; anchor: string | undefined } {
  const hash = url.indexOf('#');
  const beforeHash = hash >= 0 ? url.slice(0, hash) : url;
  const anchor = hash >= 0 ? url.slice(hash + 1) : undefined;
  const path = beforeHash.split('?')[0]!;
  return { path: safeDecode(path), anchor: anchor === undefined ? undefined : safeDecode(anchor) };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const isFile = (abs: string) => {
  try {
    return existsSync(abs) && statSync(abs).isFile();
  } catch {
    return false;
  }
};

/** Routes the site has besides docs: section indexes, tag pages, permalinks, pages, static files. */
function extraRoute(project: Project, route: string): boolean {
  const docsBase = `/${SITE_SETTINGS.routeBasePath}`;
  if (route === '/' || route === '/search') return true;
  if (route.startsWith(`${docsBase}/`)) {
    const rest = route.slice(docsBase.length + 1);
    if (SECTIONS.some((s) => s.folder === rest) && project.files.some((f) => f.path.startsWith(`docs/${rest}/`))) return true;
    if (rest === 'tags') return true;
    if (rest.startsWith('tags/') && project.tags.byKey.has(rest.slice(5))) return true;
  }
  const rb = /^\/rb\/(RB-\d{3})$/.exec(route)?.[1];
  if (rb) return runbookIds(project).has(rb);
  const alert = /^\/alerts\/([A-Za-z0-9]+)$/.exec(route)?.[1];
  if (alert) return listedAlerts(project).has(alert);
  if (isFile(join(project.root, 'static', route))) return true;
  const page = join(project.root, 'src', 'pages', route === '/' ? 'index' : route);
  return ['.tsx', '.jsx', '.md', '.mdx', '/index.tsx'].some((ext) => isFile(page + ext));
}

function checkAnchor(project: Project, target: DocFile, anchor: string | undefined, display: string): Resolution {
  if (!anchor) return { ok: true, target };
  // A file that could not be parsed has no known headings; its own problem says why (file/unparseable).
  if (target.status !== 'ok') return { ok: true, target };
  const ids = headingsOf(target, project).map((h) => h.id);
  if (ids.includes(anchor)) return { ok: true, target };
  const suggestion = closest(anchor, ids) ?? closestBySharedWords(anchor, ids);
  return {
    ok: false,
    message: `no heading with the anchor \`#${anchor}\` in ${display}`,
    suggestion: suggestion === undefined ? undefined : `#${suggestion}`,
  };
}

function listMarkdown(root: string, dir: string): string[] {
  try {
    return readdirSync(join(root, dir)).filter((n) => /\.mdx?$/.test(n));
  } catch {
    return [];
  }
}

/** Docs outside the run that a link led to, read from disk once per run. */
const DOCS_READ_ON_DEMAND = projectFact('docs-read-on-demand', () => new Map<string, DocFile | undefined>());

/**
 * The doc at a repo path: from the run, or (when only some files were given) read from disk on
 * first use, so that a link to a sibling outside the run is still resolved and its anchors checked.
 */
function docAt(project: Project, path: string): DocFile | undefined {
  const known = siteMap(project).byPath.get(path) ?? project.files.find((f) => f.path === path && f.status !== 'unexpected');
  if (known) return known;
  const cache = project.facts.get(DOCS_READ_ON_DEMAND);
  if (!cache.has(path)) {
    const abs = join(project.root, path);
    cache.set(path, !path.startsWith('..') && isFile(abs) ? parseFile(path, readFileSync(abs)) : undefined);
  }
  return cache.get(path);
}

/** Where a link's path leads, before its anchor is checked. */
type Located =
  | { kind: 'this page' }
  | { kind: 'doc'; candidates: string[]; target: DocFile | undefined }
  | { kind: 'file'; rel: string }
  | { kind: 'route'; route: string; target: DocFile | undefined };

function locate(project: Project, from: DocFile, path: string): Located {
  if (path === '') return { kind: 'this page' };
  if (/\.mdx?$/i.test(path)) {
    const candidates = path.startsWith('/')
      ? [posix.join('docs', path), posix.normalize(path.slice(1))]
      : [posix.normalize(posix.join(posix.dirname(from.path), path))];
    return { kind: 'doc', candidates, target: candidates.map((c) => docAt(project, c)).find(Boolean) };
  }
  // A file next to the doc (an image, a download).
  if (!path.startsWith('/') && /\.[a-z0-9]{2,5}$/i.test(path)) return { kind: 'file', rel: posix.normalize(posix.join(posix.dirname(from.path), path)) };
  // A URL: site-absolute, or relative to the page's own URL (as the browser resolves it).
  const map = siteMap(project);
  const fromRoute = map.routeOf.get(from.path) ?? '/';
  const absolute = path.startsWith('/') ? path : new URL(path, `http://site${fromRoute}`).pathname;
  const route = normaliseRoute(absolute);
  return { kind: 'route', route, target: map.byRoute.get(route) };
}

/**
 * The doc `url` in `from` leads to, as `resolveLink` finds it, without checking its anchor or
 * looking for a suggestion: a check that only needs where links lead (links/orphan).
 */
export function linkTarget(project: Project, from: DocFile, url: string): DocFile | undefined {
  if (isExternal(url)) return undefined;
  const at = locate(project, from, splitUrl(url).path);
  return at.kind === 'this page' ? from : at.kind === 'doc' || at.kind === 'route' ? at.target : undefined;
}

/**
 * The repository path a link points at, its anchor dropped: the doc it leads to, or, for a `.md`
 * link that leads to no doc, the path it names (a file deleted or moved). Undefined for external
 * links, other files, the page itself and unknown routes. For `--changed` (engine/changed.ts):
 * which docs link to a changed or removed one, found as `resolveLink` finds it.
 */
export function linkedPath(project: Project, from: DocFile, url: string): string | undefined {
  if (isExternal(url)) return undefined;
  const at = locate(project, from, splitUrl(url).path);
  if (at.kind === 'doc') return at.target?.path ?? at.candidates[0];
  return at.kind === 'route' ? at.target?.path : undefined;
}

/** Resolves `url` as written in `from`. */
export function resolveLink(project: Project, from: DocFile, url: string): Resolution {
  if (isExternal(url)) return { ok: true, external: true };
  const { path, anchor } = splitUrl(url);
  const at = locate(project, from, path);
  if (at.kind === 'this page') return checkAnchor(project, from, anchor, 'this page');
  const map = siteMap(project);
  if (at.kind === 'doc') {
    const { candidates, target } = at;
    if (!target) {
      const dir = posix.dirname(from.path);
      const near = posix.dirname(candidates[0]!);
      const onDisk = listMarkdown(project.root, near).map((name) => `${near}/${name}`);
      const docs = [...new Set([...map.byPath.keys(), ...onDisk])].map((p) => relativePath(dir, p));
      const wanted = path.replace(/^\.\//, '');
      const relative = docs.map((p) => p.replace(/^\.\//, ''));
      // A moved or renamed file: the closest spelling, else the sibling sharing the most words of its name.
      const siblings = relative.filter((p) => posix.dirname(p) === posix.dirname(wanted));
      const suggestion = closest(wanted, relative) ?? closestBySharedWords(wanted, siblings);
      return {
        ok: false,
        message: `no doc at ${candidates[0]}`,
        suggestion: suggestion && (suggestion.startsWith('.') ? suggestion : `./${suggestion}`),
      };
    }
    return checkAnchor(project, target, anchor, target.path);
  }
  if (at.kind === 'file') {
    if (isFile(join(project.root, at.rel)) || map.byPath.has(at.rel)) return { ok: true };
    return { ok: false, message: `no file at ${at.rel}` };
  }
  if (at.target) return checkAnchor(project, at.target, anchor, at.target.path);
  if (extraRoute(project, at.route)) return { ok: true };
  const suggestion = closest(at.route, map.byRoute.keys());
  return { ok: false, message: `no page at ${at.route}`, suggestion };
}
