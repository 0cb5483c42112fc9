/** The static server resolves URLs the way GitHub Pages does (the browser tests rely on it). */
import { mkdtemp, mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { serveStatic, type StaticServer } from './serve.ts';

let root: string;
let server: StaticServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'handbook-serve-'));
  await mkdir(join(root, 'docs', 'runbooks'), { recursive: true });
  await writeFile(join(root, 'index.html'), 'home');
  await writeFile(join(root, '404.html'), 'not found page');
  await writeFile(join(root, 'docs', 'runbooks.html'), 'runbooks index');
  await writeFile(join(root, 'docs', 'runbooks', 'rb-001.html'), 'rb-001');
  await writeFile(join(root, 'docs', 'runbooks', 'index.html'), 'runbooks dir index');
  await mkdir(join(root, 'guide'));
  await writeFile(join(root, 'guide', 'index.html'), 'guide');
  await writeFile(join(root, 'app.js'), 'console.log(1)');
  server = await serveStatic(root, '/handbook/');
});

afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

const get = async (path: string) => {
  const response = await fetch(`${server.url}${path}`, { redirect: 'manual' });
  return { status: response.status, body: await response.text(), location: response.headers.get('location'), type: response.headers.get('content-type') };
};

test('serves files, `/x` as x.html and `/x/` as x/index.html', async () => {
  expect(await get('/handbook/')).toMatchObject({ status: 200, body: 'home', type: 'text/html; charset=utf-8' });
  expect(await get('/handbook/docs/runbooks')).toMatchObject({ status: 200, body: 'runbooks index' });
  expect(await get('/handbook/docs/runbooks/')).toMatchObject({ status: 200, body: 'runbooks dir index' });
  expect(await get('/handbook/docs/runbooks/rb-001')).toMatchObject({ status: 200, body: 'rb-001' });
  expect(await get('/handbook/guide/')).toMatchObject({ status: 200, body: 'guide' });
  expect(await get('/handbook/app.js')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' });
});

test('redirects `/x` to `/x/` when only x/index.html exists, like GitHub Pages', async () => {
  expect(await get('/handbook/guide?q=1')).toMatchObject({ status: 301, location: '/handbook/guide/?q=1' });
  expect(await get('/handbook')).toMatchObject({ status: 301, location: '/handbook/' });
});

test('answers 404 with the site 404 page, and never leaves the root', async () => {
  expect(await get('/handbook/nope')).toMatchObject({ status: 404, body: 'not found page' });
  expect(await get('/elsewhere/index.html')).toMatchObject({ status: 404, body: 'not found page' });
  expect(await get('/handbook/%2e%2e/%2e%2e/etc/passwd')).toMatchObject({ status: 404 });
  expect(await get('/handbook/..%2f..%2fetc%2fpasswd')).toMatchObject({ status: 404 });
});

test('with gzip, text is gzip-encoded for clients that accept it, as on GitHub Pages', async () => {
  const gz = await serveStatic(root, '/handbook/', { gzip: true });
  try {
    // fetch sends Accept-Encoding: gzip and decodes the body.
    const response = await fetch(`${gz.url}/handbook/app.js`);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(await response.text()).toBe('console.log(1)');
    const plain = await fetch(`${gz.url}/handbook/app.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe('console.log(1)');
  } finally {
    await gz.close();
  }
});

test('with gzip, a file changed after it was served compressed is served as it is now', async () => {
  const gz = await serveStatic(root, '/handbook/', { gzip: true });
  const file = join(root, 'changing.js');
  try {
    await writeFile(file, 'console.log("before")');
    expect(await (await fetch(`${gz.url}/handbook/changing.js`)).text()).toBe('console.log("before")');
    // Another length and a later mtime: the kept encoding no longer matches the file.
    await writeFile(file, 'console.log("after the rebuild")');
    await utimes(file, new Date(), new Date(Date.now() + 5000));
    const response = await fetch(`${gz.url}/handbook/changing.js`);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(await response.text()).toBe('console.log("after the rebuild")');
  } finally {
    await gz.close();
  }
});
