/** Where links are found and where problems point; --changed line selection; the config file's errors. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { changedLines, parseDiff } from '../../scripts/links/changed.ts';
import { checkLinks, extractAll, inspectUrl, selectLinkFiles } from '../../scripts/links/check.ts';
import { configFrom, loadConfig } from '../../scripts/links/config.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'links-extract-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const DOC = `---
title: A page
links:
  - https://fm.example.net/one
description: "See https://fm.example.net/two, then continue."
---

Text [link](https://md.example.net/link) and ![img](https://md.example.net/img.png).

Autolink <https://md.example.net/auto> and bare www-less https://md.example.net/bare here.

[ref]: https://md.example.net/def "Title"

<a href="https://md.example.net/html">x</a>

Relative [doc](../other.md) and [anchor](#here) are not external.

\`\`\`bash
curl https://code.example.net/not-a-link
\`\`\`
`;

const CATALOG = `environments:
  production:
    urls:
      app: https://app.example.net
teams:
  sre:
    pager: "https://pager.example.net/sre"
`;

describe('extraction', () => {
  it('finds links, images, definitions, autolinks, raw HTML, frontmatter and data-file URLs at their positions', () => {
    const root = tree({ 'docs/a.md': DOC, 'src/data/catalog.yml': CATALOG });
    const files = selectLinkFiles(root, []);
    expect(files).toEqual(['docs/a.md', 'src/data/catalog.yml']);
    const lines = DOC.split('\n');
    const col = (line: number, needle: string) => lines[line - 1]!.indexOf(needle) + 1;
    const found = extractAll(root, files).map(({ url, file, line, column, kind }) => `${file}:${line}:${column} ${kind} ${url}`);
    expect(found).toEqual([
      `docs/a.md:4:5 frontmatter https://fm.example.net/one`,
      `docs/a.md:5:${col(5, 'https')} frontmatter https://fm.example.net/two`,
      `docs/a.md:8:${col(8, '[link]')} link https://md.example.net/link`,
      `docs/a.md:8:${col(8, '![img]')} image https://md.example.net/img.png`,
      `docs/a.md:10:${col(10, '<https')} link https://md.example.net/auto`,
      `docs/a.md:10:${col(10, 'https://md.example.net/bare')} link https://md.example.net/bare`,
      `docs/a.md:12:1 definition https://md.example.net/def`,
      `docs/a.md:14:${col(14, 'https')} html https://md.example.net/html`,
      `src/data/catalog.yml:4:12 data https://app.example.net`,
      `src/data/catalog.yml:7:13 data https://pager.example.net/sre`,
    ]);
  });

  it('problems point at each occurrence, in docs and in data files', async () => {
    const root = tree({
      'docs/a.md': '---\ntitle: T\nsource: https:/typo.example.net\n---\n\n[x](https://ok.example.net/a b)\n[y](https:/typo.example.net)\n',
      'src/data/catalog.yml': 'links:\n  - http://insecure.example.net/x\n',
    });
    const run = await checkLinks({ root, paths: [], config: configFrom(), offline: true, cacheFile: null });
    expect(run.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule}`)).toEqual([
      'docs/a.md:7:1 links/external-malformed',
      'src/data/catalog.yml:2:5 links/external-insecure',
    ]);
    // `https:/typo…` in frontmatter text is not a URL at all (no `//`): only links are held to URL syntax.
    expect(run.problems[0]!.message).toContain('needs `//` and a host');
    expect(run.problems[1]!.message).toContain('use `https://insecure.example.net/x`');
  });

  it('in YAML text, only URLs standing on their own are links (not a PromQL matcher or a template)', () => {
    const root = tree({
      'src/data/alerts/a.rules.yml': [
        'groups:',
        '  - rules:',
        '      - expr: probe_success{instance=~"https://(payments|ai)\\\\.example\\\\.com/.*"} == 0',
        '        annotations:',
        '          runbook_url: https://handbook.example.net/alerts/A',
        '          description: Down (see <https://status.example.net>); was=https://old.example.net',
        '',
      ].join('\n'),
    });
    expect(extractAll(root, ['src/data/alerts/a.rules.yml']).map((o) => `${o.line}:${o.column} ${o.url}`)).toEqual([
      '5:24 https://handbook.example.net/alerts/A',
      '6:35 https://status.example.net',
    ]);
  });

  it('inspects URL syntax: probe key without fragment, text fragments ignored, loopback http allowed', () => {
    expect(inspectUrl('https://Example.NET/a#Frag%20x')).toEqual({ key: 'https://example.net/a', host: 'example.net', fragment: 'Frag x', insecure: false });
    expect(inspectUrl('https://example.net/a#:~:text=hello')).toMatchObject({ fragment: null });
    expect(inspectUrl('http://127.0.0.1:8080/x')).toMatchObject({ insecure: false });
    expect(inspectUrl('https://[::1')).toHaveProperty('malformed');
  });

  it('ignored URLs are neither probed nor reported', async () => {
    const root = tree({ 'docs/a.md': '[x](https://api.example.com/a)\n[y](http://plain.example.com/)\n' });
    const config = configFrom({ ignore: [{ pattern: '^https?://([a-z0-9-]+\\.)*example\\.com/', reason: 'placeholder hosts of the examples' }] });
    const run = await checkLinks({ root, paths: [], config, cacheFile: null });
    expect(run.problems).toEqual([]);
    expect(run.stats).toMatchObject({ occurrences: 2, ignored: 2, probed: 0 });
  });
});

describe('--changed', () => {
  it('parses zero-context diffs into added line ranges', () => {
    const diff = [
      'diff --git a/docs/a.md b/docs/a.md',
      '--- a/docs/a.md',
      '+++ b/docs/a.md',
      '@@ -3 +3 @@',
      '@@ -10,0 +11,2 @@',
      '@@ -20,4 +22,0 @@',
      'diff --git a/docs/gone.md b/docs/gone.md',
      '--- a/docs/gone.md',
      '+++ /dev/null',
      '@@ -1,3 +0,0 @@',
    ].join('\n');
    expect([...parseDiff(diff)]).toEqual([['docs/a.md', [[3, 3], [11, 12]]]]);
  });

  it('checks only links on lines changed since the base, committed or not, and untracked files', async () => {
    const root = tree({ 'docs/a.md': '[old](https:/old-bad.example.net)\n\nkeep\n' });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'root');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'base');
    git('checkout', '-q', '-b', 'feature');
    writeFileSync(join(root, 'docs/a.md'), '[old](https:/old-bad.example.net)\n\nkeep [new](https:/new-bad.example.net)\n');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-am', 'change');
    writeFileSync(join(root, 'docs/b.md'), '[untracked](https:/untracked-bad.example.net)\n');
    const changed = changedLines(root, 'main');
    const run = await checkLinks({ root, paths: [], config: configFrom(), offline: true, changed, cacheFile: null });
    expect(run.problems.map((p) => `${p.file}:${p.line}`)).toEqual(['docs/a.md:3', 'docs/b.md:1']);
    expect(() => changedLines(root, 'no-such-branch')).toThrow(/cannot compare with `no-such-branch`/);
  });
});

describe('links.config.yml', () => {
  it('reports each invalid setting at its line with a hint', () => {
    const root = tree({
      'links.config.yml': [
        'timeout: 10 seconds',
        'concurency: 4',
        'ignore:',
        '  - pattern: "^https://example\\\\.com/"',
        '  - pattern: "([unclosed"',
        '    reason: a reason long enough',
        '',
      ].join('\n'),
    });
    const { config, problems } = loadConfig(root);
    expect(config).toBeNull();
    expect(problems.map((p) => `${p.line}:${p.column} ${p.rule} ${p.message}`)).toEqual([
      expect.stringMatching(/^1:10 links\/config `timeout` must be a duration such as `500ms`/),
      '2:1 links/config unknown key `concurency`. Did you mean `concurrency`?',
      '4:5 links/config missing required key `ignore[0].reason`',
      expect.stringMatching(/^5:14 links\/config `ignore\[1\]\.pattern` is not a valid regular expression/),
    ]);
  });

  it('a missing file means the defaults; the shipped file is valid', () => {
    expect(loadConfig(tree({})).config).toMatchObject({ timeout: 10_000, concurrency: 16, perHost: { concurrency: 2 } });
    const shipped = loadConfig(join(import.meta.dirname, '..', '..'));
    expect(shipped.problems).toEqual([]);
    expect(shipped.config?.ignore.length).toBeGreaterThan(0);
  });
});
