/**
 * Benchmark of `npm run check:links` against the markdown-link-check CLI, side by side in one run:
 * a generated tree of 1,000 Markdown files holding 5,000 link occurrences on 500 unique URLs,
 * served by 10 local HTTP servers (10 "hosts", 50 URLs each) that answer every request after
 * 50 ms. Both tools start cold (no cache) and must find every link alive.
 *
 * markdown-link-check runs once over the whole docs/ directory, which is the fastest way to use
 * it (one process; it reads the files one after another, checking each file's links two at a
 * time). Our checker runs as its CLI (`tsx scripts/links/cli.ts --no-cache`) with the default
 * limits: 16 probes at once, 2 per host, request starts 100 ms apart on each host.
 *
 *   npm run bench:links [-- --files 1000 --urls 500 --per-file 5 --latency 50 --hosts 10]
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '1000' },
    urls: { type: 'string', default: '500' },
    'per-file': { type: 'string', default: '5' },
    latency: { type: 'string', default: '50' },
    hosts: { type: 'string', default: '10' },
  },
});
const FILES = Number(values.files);
const URLS = Number(values.urls);
const PER_FILE = Number(values['per-file']);
const LATENCY = Number(values.latency);
const HOSTS = Number(values.hosts);

interface Counter {
  requests: number;
}

async function startHost(counter: Counter): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    counter.requests++;
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><h1 id="top">ok</h1>'), LATENCY);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function page(i: number, url: (n: number) => string): string {
  const links = Array.from({ length: PER_FILE }, (_, k) => url((i * PER_FILE + k) % URLS));
  return `---
type: troubleshooting
title: Synthetic page ${i}
description: A generated page for the link benchmark.
owner: platform-sre
last_reviewed: 2026-11-01
review_interval: 90d
tags: [troubleshooting]
---

## Symptoms

The service reports errors; the vendor documents the [error codes](${links[0]}).

## Diagnosis

1. Read the [status page](${links[1]}) and the [known issues](${links[2]}).
2. Compare with the [reference](${links[3]}).

## Escalation

Open a ticket with the vendor: <${links[4] ?? links[0]}>.
`;
}

function timed(command: string, args: string[], cwd: string): Promise<{ ms: number; code: number; stdout: string; stderr: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(command, args, { cwd, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, GITHUB_ACTIONS: '' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ ms: performance.now() - started, code, stdout, stderr });
    });
  });
}

const counter: Counter = { requests: 0 };
const hosts = await Promise.all(Array.from({ length: HOSTS }, () => startHost(counter)));
const url = (n: number) => `${hosts[n % HOSTS]!.origin}/docs/page-${n}`;
const dir = mkdtempSync(join(tmpdir(), 'bench-links-'));
try {
  for (let i = 0; i < FILES; i++) {
    const section = join(dir, 'docs', `section-${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(section, { recursive: true });
    writeFileSync(join(section, `page-${i}.md`), page(i, url));
  }
  process.stdout.write(
    `Tree: ${FILES} files, ${FILES * PER_FILE} link occurrences, ${URLS} unique URLs on ${HOSTS} local hosts answering after ${LATENCY} ms.\n`,
  );

  counter.requests = 0;
  const ours = await timed(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'scripts', 'links', 'cli.ts'), '--root', dir, '--no-cache', '--format', 'json'], dir);
  const ourRequests = counter.requests;
  const ourProblems = (JSON.parse(ours.stdout) as { problems: unknown[] }).problems.length;
  process.stdout.write(`check:links            ${(ours.ms / 1000).toFixed(2).padStart(8)} s  exit ${ours.code}  ${ourProblems} problems  ${ourRequests} HTTP requests\n`);
  process.stdout.write(`  ${ours.stderr.trim().split('\n').at(-1)}\n`);

  counter.requests = 0;
  const theirs = await timed(join(ROOT, 'node_modules', '.bin', 'markdown-link-check'), ['--quiet', 'docs'], dir);
  const theirRequests = counter.requests;
  const dead = (theirs.stdout.match(/\[✖\]/g) ?? []).length;
  process.stdout.write(`markdown-link-check    ${(theirs.ms / 1000).toFixed(2).padStart(8)} s  exit ${theirs.code}  ${dead} dead  ${theirRequests} HTTP requests\n`);

  process.stdout.write(`Machine: ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end.\n`);
  process.stdout.write(`Ratio: check:links is ${(theirs.ms / ours.ms).toFixed(1)}x faster (${(theirs.ms / 1000).toFixed(2)} s / ${(ours.ms / 1000).toFixed(2)} s).\n`);
  if (ours.code !== 0 || theirs.code !== 0 || ourProblems !== 0 || dead !== 0) {
    process.stdout.write('Warning: a tool reported problems on a tree where every link is alive; the comparison is not valid.\n');
    process.exitCode = 1;
  }
} finally {
  await Promise.all(hosts.map((h) => h.close()));
  rmSync(dir, { recursive: true, force: true });
}
