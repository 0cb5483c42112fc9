/**
 * A tiny static server for `build/`, resolving paths the way GitHub Pages does:
 * `/x/` → `x/index.html`; `/x` → the file `x`, else `x.html`, else a 301 to `/x/` when `x/index.html`
 * exists; anything else → `404.html` with status 404. Binds 127.0.0.1 on a free port.
 * With `gzip`, text responses are gzip-encoded when the client accepts it, as GitHub Pages does.
 * Each file is compressed once and kept (until its size or mtime changes), as a CDN keeps it: the
 * server shares the machine with the browser under test, and compressing the service worker's
 * precache (about 15 MB) again on every visit took CPU from the pages Lighthouse measures next.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export type StaticServer = { url: string; close: () => Promise<void> };

/** A file's gzip encoding, compressed on first use and kept while its size and mtime stay. */
async function gzipped(cache: Map<string, { size: number; mtimeMs: number; bytes: Buffer }>, file: string): Promise<Buffer> {
  const { size, mtimeMs } = await stat(file);
  const kept = cache.get(file);
  if (kept && kept.size === size && kept.mtimeMs === mtimeMs) return kept.bytes;
  const bytes = gzipSync(await readFile(file));
  cache.set(file, { size, mtimeMs, bytes });
  return bytes;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export type Resolution = { file: string; status: 200 | 404 } | { redirect: string } | undefined;

/** Maps a URL path to a file under `root`, GitHub Pages style. */
export async function resolvePath(root: string, urlPath: string): Promise<Resolution> {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const relative = normalize(path).replace(/^([/\\])+/, '');
  const base = join(root, relative);
  if (base !== root && !base.startsWith(root + sep)) return undefined; // path traversal
  if (path.endsWith('/')) {
    for (const candidate of [join(base, 'index.html'), `${base.replace(/[/\\]+$/, '')}.html`]) {
      if (await isFile(candidate)) return { file: candidate, status: 200 };
    }
    return undefined;
  }
  if (await isFile(base)) return { file: base, status: 200 };
  if (await isFile(`${base}.html`)) return { file: `${base}.html`, status: 200 };
  if (await isFile(join(base, 'index.html'))) return { redirect: `${path}/` };
  return undefined;
}

/** `basePath` (e.g. `/ops-handbook/`, like a GitHub Pages project site) is where `root` is mounted. */
export async function serveStatic(root: string, basePath = '/', options: { gzip?: boolean } = {}): Promise<StaticServer> {
  const mount = basePath.endsWith('/') ? basePath : `${basePath}/`;
  const compressed = new Map<string, { size: number; mtimeMs: number; bytes: Buffer }>();
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let found =
      `${url.pathname}/` === mount
        ? { redirect: mount }
        : url.pathname.startsWith(mount)
          ? await resolvePath(root, url.pathname.slice(mount.length - 1))
          : undefined;
    if (found && 'redirect' in found) {
      const location = found.redirect === mount ? mount : `${mount.slice(0, -1)}${found.redirect}`;
      res.writeHead(301, { location: `${location}${url.search}` }).end();
      return;
    }
    if (!found) {
      const notFound = join(root, '404.html');
      if (!(await isFile(notFound))) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404 Not Found\n');
        return;
      }
      found = { file: notFound, status: 404 };
    }
    const type = TYPES[extname(found.file).toLowerCase()] ?? 'application/octet-stream';
    const gzip = options.gzip === true && /^(text\/|application\/(json|xml)|image\/svg)/.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    let encoded: Buffer | undefined;
    try {
      encoded = gzip ? await gzipped(compressed, found.file) : undefined;
    } catch {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('500 Cannot read the file\n');
      return;
    }
    res.writeHead(found.status, {
      'content-type': type,
      'cache-control': 'no-store',
      ...(options.gzip ? { vary: 'accept-encoding' } : {}),
      ...(encoded ? { 'content-encoding': 'gzip', 'content-length': String(encoded.length) } : {}),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    if (encoded) res.end(encoded);
    else createReadStream(found.file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
