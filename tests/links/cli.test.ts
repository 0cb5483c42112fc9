/** `npm run check:links` as a user runs it: output formats, exit codes, usage and config errors. */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { html, startServer, status, type TestServer } from './server.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(ROOT, 'scripts', 'links', 'cli.ts');
const exec = promisify(execFile);

async function cli(args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await exec(TSX, [CLI, ...args], { cwd, env: { ...process.env, GITHUB_ACTIONS: '' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let server: TestServer;
let root: string;
/** Column of the dead link on line 3 (it depends on the length of the server's port). */
let deadColumn: number;

beforeAll(async () => {
  server = await startServer({ '/ok': html('<h2 id="a">A</h2>'), '/missing': status(404), '/blocked': status(403) });
  root = mkdtempSync(join(tmpdir(), 'links-cli-'));
  mkdirSync(join(root, 'docs'));
  const line3 = `A [live link](${server.origin}/ok#a), a [dead one](${server.origin}/missing)`;
  deadColumn = line3.indexOf('[dead one]') + 1;
  writeFileSync(join(root, 'docs', 'page.md'), `# Page\n\n${line3}\nand a [blocked one](${server.origin}/blocked).\n`);
  writeFileSync(join(root, 'links.config.yml'), 'timeout: 2s\nretries: 0\ncache:\n  file: .cache/links.json\n');
});

afterAll(async () => {
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('npm run check:links', () => {
  it('prints the same JSON problem format as validate, one problem per occurrence, and exits 1 on dead links', async () => {
    const { code, stdout, stderr } = await cli(['--format', 'json'], root);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({
      files: 1,
      problems: [
        {
          file: 'docs/page.md',
          line: 3,
          column: deadColumn,
          rule: 'links/external-dead',
          severity: 'error',
          message: `\`${server.origin}/missing\` is dead: 404 Not Found. Fix or remove the link.`,
        },
        {
          file: 'docs/page.md',
          line: 4,
          column: 7,
          rule: 'links/external-unverified',
          severity: 'warning',
          message: expect.stringContaining('403 Forbidden'),
        },
      ],
    });
    expect(stderr).toContain('3 link occurrences, 3 unique URLs: 3 probed');
  });

  it('annotates the diff in GitHub format, and a second run answers from the cache', async () => {
    const hits = server.hits.length;
    const { code, stdout, stderr } = await cli(['docs/page.md', '--format', 'github'], root);
    expect(code).toBe(1);
    expect(stdout).toContain(`::error file=docs/page.md,line=3,col=${deadColumn},title=links/external-dead::`);
    expect(stdout).toContain('::warning file=docs/page.md,line=4,col=7,title=links/external-unverified::');
    expect(stderr).toContain('0 probed (0 requests), 3 from cache');
    expect(server.hits.length).toBe(hits);
  });

  it('--offline never touches the network', async () => {
    const hits = server.hits.length;
    const { code, stderr } = await cli(['--offline', '--no-cache'], root);
    expect(code).toBe(0);
    expect(stderr).toContain('3 not checked (offline, not in the cache)');
    expect(server.hits.length).toBe(hits);
  });

  it('exits 2 on a usage error, with a "did you mean"', async () => {
    const { code, stderr } = await cli(['--formt', 'json'], root);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--formt'");
    expect(stderr).toContain('Did you mean `--format`?');
    const missing = await cli(['docs/nope.md'], root);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or directory: docs/nope.md');
  });

  it('exits 2 on an invalid configuration, with the problem at its line', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'links-cli-bad-'));
    try {
      writeFileSync(join(bad, 'links.config.yml'), 'timeout: 10s\nallow:\n  - pattern: "^https://x"\n');
      const { code, stdout } = await cli(['--format', 'json'], bad);
      expect(code).toBe(2);
      expect(JSON.parse(stdout).problems).toEqual([
        { file: 'links.config.yml', line: 3, column: 5, rule: 'links/config', severity: 'error', message: 'missing required key `allow[0].reason`' },
      ]);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});
