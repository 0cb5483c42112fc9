/** Each unique URL once, concurrency bounds, pacing, and the result cache, counted at the servers. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLinks } from '../../scripts/links/check.ts';
import { configFrom, type LinksConfigInput } from '../../scripts/links/config.ts';
import { html, startServer, type Handler, type TestServer } from './server.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

async function server(routes: Record<string, Handler>, latency?: number): Promise<TestServer> {
  const s = await startServer(routes, { latency });
  cleanup.push(() => s.close());
  return s;
}

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'links-sched-'));
  cleanup.push(() => rmSync(root, { recursive: true, force: true }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const config = (input: LinksConfigInput = {}) => configFrom({ timeout: '2s', retries: 0, perHost: { concurrency: 2, interval: 0 }, ...input });

describe('scheduling', () => {
  it('probes each unique URL once, however many files and occurrences use it', async () => {
    const s = await server({ '/a': html(''), '/b': html('') });
    const link = (p: string) => `[x](${s.origin}${p}) and <${s.origin}${p}>`;
    const root = tree({
      'docs/one.md': `${link('/a')}\n\n${link('/a')}\n\n${link('/b')}\n`,
      'docs/two.md': `${link('/a')}\n\n[ref]: ${s.origin}/b\n`,
      'docs/three.md': `---\ntitle: Three\nsee_also: ${s.origin}/a\n---\n\n${link('/b')}\n`,
    });
    const run = await checkLinks({ root, paths: [], config: config(), cacheFile: null });
    expect(run.stats.occurrences).toBe(12);
    expect(run.stats.unique).toBe(2);
    expect(s.count('/a')).toBe(1);
    expect(s.count('/b')).toBe(1);
    expect(run.problems).toEqual([]);
  });

  it('keeps at most perHost.concurrency requests in flight on one host', async () => {
    const routes: Record<string, Handler> = {};
    for (let i = 0; i < 30; i++) routes[`/p${i}`] = html('');
    const s = await server(routes, 40);
    const root = tree({ 'docs/many.md': Object.keys(routes).map((p) => `- <${s.origin}${p}>`).join('\n') });
    const run = await checkLinks({ root, paths: [], config: config({ concurrency: 50, perHost: { concurrency: 3, interval: 0 } }), cacheFile: null });
    expect(run.problems).toEqual([]);
    expect(s.hits).toHaveLength(30);
    expect(s.maxInFlight).toBe(3);
  });

  it('keeps at most `concurrency` probes in flight overall, across hosts', async () => {
    const servers = await Promise.all([0, 1, 2, 3].map(() => server(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`/p${i}`, html('')])), 40)));
    const links = servers.flatMap((s) => Array.from({ length: 6 }, (_, i) => `- <${s.origin}/p${i}>`));
    const root = tree({ 'docs/hosts.md': links.join('\n') });
    const run = await checkLinks({ root, paths: [], config: config({ concurrency: 5, perHost: { concurrency: 4, interval: 0 } }), cacheFile: null });
    expect(run.problems).toEqual([]);
    expect(run.stats.maxInFlight).toBe(5);
    // Every host got work at the same time: the limit is shared, not filled by one host.
    expect(Math.max(...servers.map((s) => s.maxInFlight))).toBeLessThanOrEqual(4);
  });

  it('spaces request starts on one host by perHost.interval', async () => {
    const s = await server({ '/a': html(''), '/b': html(''), '/c': html(''), '/d': html('') });
    const root = tree({ 'docs/paced.md': ['/a', '/b', '/c', '/d'].map((p) => `- <${s.origin}${p}>`).join('\n') });
    await checkLinks({ root, paths: [], config: config({ perHost: { concurrency: 4, interval: '250ms' } }), cacheFile: null });
    const starts = s.hits.map((h) => h.at).sort((a, b) => a - b);
    // Starts are 250 ms apart at the client; connection setup on a loaded machine jitters arrivals.
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(150);
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(650);
  });
});

describe('cache', () => {
  it('a second run probes nothing; an expired entry is probed again', async () => {
    const s = await server({ '/a': html('<h2 id="x">x</h2>'), '/gone': (_req, res) => void res.writeHead(404).end() });
    const root = tree({ 'docs/page.md': `<${s.origin}/a>\n\n[x](${s.origin}/a#x)\n\n<${s.origin}/gone>\n` });
    const cfg = config({ cache: { file: '.cache/links.json', maxAge: '1h', failedMaxAge: '10m' } });
    const now = new Date('2026-12-01T10:00:00Z');
    const first = await checkLinks({ root, paths: [], config: cfg, now });
    const hits = s.hits.length;
    expect(hits).toBeGreaterThan(0);
    expect(first.stats.probed).toBe(2);
    const cached = JSON.parse(readFileSync(join(root, '.cache/links.json'), 'utf8'));
    expect(Object.keys(cached.entries).sort()).toEqual([`${s.origin}/a`, `${s.origin}/gone`]);

    const second = await checkLinks({ root, paths: [], config: cfg, now: new Date('2026-12-01T10:05:00Z') });
    expect(s.hits.length).toBe(hits);
    expect(second.stats).toMatchObject({ probed: 0, fromCache: 2 });
    expect(second.problems).toEqual(first.problems);

    // 20 minutes later the dead result (failedMaxAge 10m) is stale, the live one (maxAge 1h) is not.
    const third = await checkLinks({ root, paths: [], config: cfg, now: new Date('2026-12-01T10:20:00Z') });
    expect(third.stats).toMatchObject({ probed: 1, fromCache: 1 });
    expect(s.count('/gone')).toBe(4);
    expect(s.count('/a')).toBe(2);
  });

  it('a new fragment on a cached URL probes it again; offline runs use the cache and never the network', async () => {
    const s = await server({ '/a': html('<h2 id="x">x</h2><h2 id="y">y</h2>') });
    const root = tree({ 'docs/page.md': `[x](${s.origin}/a#x)\n` });
    const cfg = config({ cache: { file: '.cache/links.json' } });
    await checkLinks({ root, paths: [], config: cfg });
    writeFileSync(join(root, 'docs/page.md'), `[x](${s.origin}/a#x)\n\n[y](${s.origin}/a#zz)\n\n<${s.origin}/new>\n`);
    const hits = s.hits.length;
    const offline = await checkLinks({ root, paths: [], config: cfg, offline: true });
    expect(s.hits.length).toBe(hits);
    expect(offline.stats).toMatchObject({ fromCache: 1, notChecked: 1 });
    const online = await checkLinks({ root, paths: [], config: cfg });
    expect(online.stats.probed).toBe(2);
    expect(online.problems.map((p) => p.rule)).toEqual(['links/external-fragment', 'links/external-dead']);
  });

  it('an unreadable cache file is ignored, then rewritten', async () => {
    const s = await server({ '/a': html('') });
    const root = tree({ 'docs/page.md': `<${s.origin}/a>\n`, '.cache/links.json': '{not json' });
    const run = await checkLinks({ root, paths: [], config: config({ cache: { file: '.cache/links.json' } }) });
    expect(run.problems).toEqual([]);
    expect(JSON.parse(readFileSync(join(root, '.cache/links.json'), 'utf8')).version).toBe(1);
  });
});
