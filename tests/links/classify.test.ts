/**
 * Every kind of answer a site gives, from real servers on 127.0.0.1, through the whole checker:
 * each is classified as a reader would want, and the run stays within its time bound.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLinks, type LinkCheckRun } from '../../scripts/links/check.ts';
import { configFrom } from '../../scripts/links/config.ts';
import { html, redirect, startServer, status, type TestServer } from './server.ts';

let server: TestServer;
let root: string;
let run: LinkCheckRun;
let elapsed: number;
const rateLimitedAt: number[] = [];

const CASES = [
  'ok',
  'moved',
  'temporary',
  'loop-a',
  'missing',
  'gone',
  'rate-limited',
  'rate-limited-long',
  'forbidden',
  'slow',
  'huge',
  'flaky',
  'page#present',
  'page#presnt',
  'text#anything',
  'huge-page#early',
  'huge-page#late',
];

beforeAll(async () => {
  server = await startServer({
    '/ok': html('<p>fine</p>'),
    '/moved': redirect(301, '/moved-again'),
    '/moved-again': redirect(308, '/ok'),
    '/temporary': redirect(302, '/ok'),
    '/loop-a': redirect(302, '/loop-b'),
    '/loop-b': redirect(302, '/loop-a'),
    '/missing': status(404),
    '/gone': status(410),
    '/rate-limited': (_req, res, n) => {
      rateLimitedAt.push(performance.now());
      // HEAD and GET of the first attempt are refused; the retry after Retry-After succeeds.
      if (n <= 2) res.writeHead(429, { 'retry-after': '1' }).end();
      else res.writeHead(200).end();
    },
    '/rate-limited-long': status(429, { 'retry-after': '3600' }),
    '/forbidden': status(403, { server: 'cloudflare', 'cf-mitigated': 'challenge' }),
    '/slow': (_req, res) => {
      const timer = setTimeout(() => res.writeHead(200).end(), 5000);
      res.on('close', () => clearTimeout(timer));
    },
    // HEAD not allowed; GET answers 200 with a body that never ends.
    '/huge': (req, res) => {
      if (req.method === 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 120);
      const pump = setInterval(() => res.write(chunk), 1);
      res.on('close', () => clearInterval(pump));
    },
    '/flaky': (_req, res, n) => {
      if (n <= 2) res.writeHead(503).end();
      else res.writeHead(200).end();
    },
    '/page': html('<h2 id="present">Present</h2><a name="named"></a>'),
    '/text': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('no anchors here');
    },
    // 20 MiB of HTML: an anchor near the start, another past the page size limit.
    '/huge-page': (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      res.write('<h1 id="early">Early</h1>');
      let sent = 0;
      const filler = Buffer.alloc(256 * 1024, 'x');
      const pump = () => {
        while (sent < 20 * 1024 * 1024) {
          sent += filler.length;
          if (!res.write(filler)) return void res.once('drain', pump);
        }
        res.end('<h2 id="late">Late</h2>');
      };
      pump();
    },
  });
  root = mkdtempSync(join(tmpdir(), 'links-classify-'));
  mkdirSync(join(root, 'docs'));
  const body = CASES.map((c, i) => `- [case ${i}](${server.origin}/${c})`).join('\n');
  writeFileSync(join(root, 'docs', 'page.md'), `# Links\n\n${body}\n- [no such host](https://no-such-host.invalid/path)\n`);
  const config = configFrom({
    timeout: '400ms',
    retries: 2,
    backoff: '100ms',
    maxRetryAfter: '5s',
    perHost: { concurrency: 4, interval: 0 },
    maxPageBytes: 1024 * 1024,
  });
  const started = performance.now();
  run = await checkLinks({ root, paths: [], config, cacheFile: null });
  elapsed = performance.now() - started;
}, 60_000);

afterAll(async () => {
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** The problems reported on the link to `path` (line = its index + 3). */
function problemsFor(path: string) {
  const line = CASES.indexOf(path) + 3;
  return run.problems.filter((p) => p.line === line).map((p) => ({ rule: p.rule, severity: p.severity, message: p.message }));
}

describe('classification of real HTTP answers', () => {
  it('finishes within its time bound although one server is slow and one body never ends', () => {
    // The slow URL alone costs 3 attempts of HEAD+GET at 400 ms; the rate-limited one waits 1 s.
    expect(elapsed).toBeLessThan(15_000);
  });

  it('200 is alive and a temporary redirect to a live page is not reported', () => {
    expect(problemsFor('ok')).toEqual([]);
    expect(problemsFor('temporary')).toEqual([]);
  });

  it('a chain of permanent redirects is followed and reported with its final address', () => {
    expect(problemsFor('moved')).toEqual([
      { rule: 'links/external-redirect', severity: 'warning', message: expect.stringContaining(`permanently redirects (301) to \`${server.origin}/ok\``) },
    ]);
  });

  it('a redirect loop is dead, and the message shows the loop', () => {
    const [problem] = problemsFor('loop-a');
    expect(problem).toMatchObject({ rule: 'links/external-dead', severity: 'error' });
    expect(problem!.message).toContain('redirect loop');
    expect(problem!.message).toContain('/loop-b');
  });

  it('404 and 410 are dead (errors)', () => {
    expect(problemsFor('missing')).toEqual([{ rule: 'links/external-dead', severity: 'error', message: expect.stringContaining('404 Not Found') }]);
    expect(problemsFor('gone')).toEqual([{ rule: 'links/external-dead', severity: 'error', message: expect.stringContaining('410 Gone') }]);
  });

  it('a host that does not exist is dead', () => {
    const problem = run.problems.find((p) => p.message.includes('no-such-host.invalid'));
    expect(problem).toMatchObject({ rule: 'links/external-dead', severity: 'error' });
    expect(problem!.message).toContain('does not exist');
  });

  it('429 with Retry-After is retried no sooner than the server asked, then alive', () => {
    expect(problemsFor('rate-limited')).toEqual([]);
    // Hits: HEAD 429, GET 429, then after Retry-After: HEAD 200.
    expect(rateLimitedAt).toHaveLength(3);
    expect(rateLimitedAt[2]! - rateLimitedAt[1]!).toBeGreaterThanOrEqual(950);
  });

  it('429 asking for longer than maxRetryAfter is unverified at once, not waited for', () => {
    expect(problemsFor('rate-limited-long')).toEqual([
      { rule: 'links/external-unverified', severity: 'warning', message: expect.stringMatching(/429 Too Many Requests.*retry after 1h, more than maxRetryAfter \(5s\)/) },
    ]);
    expect(server.count('/rate-limited-long')).toBe(2);
  });

  it('403 from bot protection is unverified (a warning), not dead', () => {
    expect(problemsFor('forbidden')).toEqual([
      { rule: 'links/external-unverified', severity: 'warning', message: expect.stringContaining('403 Forbidden, blocked by bot protection (Cloudflare)') },
    ]);
  });

  it('a response slower than the timeout is unverified after the retries', () => {
    expect(problemsFor('slow')).toEqual([
      { rule: 'links/external-unverified', severity: 'warning', message: expect.stringContaining('timed out after 400ms (3 attempts)') },
    ]);
    expect(server.count('/slow')).toBe(6);
  });

  it('a 200 with an endless body is alive, and the body is not downloaded', () => {
    expect(problemsFor('huge')).toEqual([]);
  });

  it('a 503 is retried with backoff and alive when the server recovers', () => {
    expect(problemsFor('flaky')).toEqual([]);
    expect(server.count('/flaky')).toBe(3);
  });

  it('fragments are checked in the HTML: present passes, a typo gets a "did you mean"', () => {
    expect(problemsFor('page#present')).toEqual([]);
    expect(problemsFor('page#presnt')).toEqual([
      { rule: 'links/external-fragment', severity: 'warning', message: expect.stringContaining('`#presnt` is not an anchor') },
    ]);
    expect(problemsFor('page#presnt')[0]!.message).toContain('Did you mean `#present`?');
    // One probe and one page fetch serve both fragments of /page.
    expect(server.count('/page', 'GET')).toBe(1);
  });

  it('fragments are not judged on non-HTML responses or past the page size limit', () => {
    expect(problemsFor('text#anything')).toEqual([]);
    expect(problemsFor('huge-page#early')).toEqual([]);
    expect(problemsFor('huge-page#late')).toEqual([]);
  });

  it('reports nothing else', () => {
    expect(run.problems).toHaveLength(9);
    // 17 links to 15 pages (two fragments each on /page and /huge-page), plus the unknown host.
    expect(run.stats.unique).toBe(16);
    expect(run.stats.occurrences).toBe(18);
  });
});
