import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { validate } from '../../scripts/validate/validate.ts';
import { NOW, ROOT } from '../helpers/examples.ts';

const run = promisify(execFile);
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(ROOT, 'scripts', 'validate', 'cli.ts');

async function cli(args: string[], cwd = ROOT) {
  try {
    const { stdout, stderr } = await run(TSX, [CLI, ...args], { cwd, env: { ...process.env, GITHUB_ACTIONS: '' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** `<!-- expect: rule line:col message -->` annotations in a fixture. */
function expectations(path: string): string[] {
  const text = readFileSync(join(ROOT, path), 'latin1');
  return [...text.matchAll(/<!-- expect: (\S+) (\d+:\d+) (.*?) -->/g)].map((m) => `${path}:${m[2]} ${m[1]} ${m[3]}`);
}

/** Fixtures that cannot hold an annotation (empty, binary) are listed here. */
const UNANNOTATED: Record<string, string[]> = {
  'tests/fixtures/bad/empty.md': ['tests/fixtures/bad/empty.md:1:1 frontmatter/yaml file is empty'],
  'tests/fixtures/bad/binary.md': ['tests/fixtures/bad/binary.md:1:1 file/readable file is binary'],
};

describe('npm run validate on the bad fixtures', () => {
  it('reports exactly the annotated problems, at their file:line:col, as JSON', async () => {
    const { code, stdout } = await cli(['tests/fixtures/bad', '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { files: number; problems: Array<Record<string, unknown>> };
    const fixtures = readdirSync(join(ROOT, 'tests/fixtures/bad')).map((n) => `tests/fixtures/bad/${n}`);
    expect(report.files).toBe(fixtures.length);
    const expected = fixtures.flatMap((f) => UNANNOTATED[f] ?? expectations(f)).sort();
    const actual = report.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule} ${p.message}`).sort();
    expect(actual.map((a) => a.split(' ').slice(0, 2).join(' '))).toEqual(expected.map((e) => e.split(' ').slice(0, 2).join(' ')));
    // Each message contains the annotated fragment.
    for (const e of expected) {
      const [where, rule, ...fragment] = e.split(' ');
      const match = actual.find((a) => a.startsWith(`${where} ${rule} `) && a.includes(fragment.join(' ')));
      expect(match, `${e}\nactual:\n${actual.join('\n')}`).toBeDefined();
    }
    for (const p of report.problems) expect(Object.keys(p)).toEqual(['file', 'line', 'column', 'rule', 'messageId', 'severity', 'message']);
  });

  it('prints GitHub annotations with --format github', async () => {
    const { code, stdout } = await cli(['tests/fixtures/bad/unknown-tag.md', '--format', 'github']);
    expect(code).toBe(1);
    expect(stdout).toBe(
      '::error file=tests/fixtures/bad/unknown-tag.md,line=10,col=5,title=frontmatter/tags::' +
        'unknown tag `kubernets`; tags come from docs/tags.yml. Did you mean `kubernetes`?\n',
    );
  });

  it('prints file:line:col, rule and a summary in the pretty format', async () => {
    const { stdout } = await cli(['tests/fixtures/bad/unknown-type.md']);
    expect(stdout).toContain('tests/fixtures/bad/unknown-type.md:2:7  error');
    expect(stdout).toContain('frontmatter/schema');
    expect(stdout).toMatch(/✖ 1 problem \(1 error, 0 warnings\) in 1 file/);
  });
});

describe('exit codes', () => {
  it('exits 0 on good fixtures', async () => {
    const { code, stdout } = await cli(['tests/fixtures/good', '--format', 'json']);
    expect(JSON.parse(stdout)).toEqual({ files: 3, problems: [] });
    expect(code).toBe(0);
  });

  it('exits 0 when there are only warnings, 1 with --strict-reviews', async () => {
    expect((await cli(['tests/fixtures/bad/overdue-review.md'])).code).toBe(0);
    const strict = await cli(['tests/fixtures/bad/overdue-review.md', '--strict-reviews', '--format', 'json']);
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout).problems[0].severity).toBe('error');
  });

  it('exits 2 with a "did you mean" on an unknown option', async () => {
    const { code, stderr } = await cli(['--fromat', 'json']);
    expect(code).toBe(2);
    expect(stderr).toContain('Did you mean `--format`?');
  });

  it('exits 2 on an unknown format and on a missing path', async () => {
    const format = await cli(['--format', 'jsno']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('Did you mean `json`?');
    const missing = await cli(['docs/no-such-page.md']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or directory: docs/no-such-page.md');
  });
});

describe('hostile input', () => {
  function tree(files: Record<string, string | Uint8Array>) {
    const root = mkdtempSync(join(tmpdir(), 'validate-'));
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    return root;
  }
  const page = (extra = '') =>
    `---\ntype: guide\ntitle: Guide\ndescription: D\nowner: platform-sre\nlast_reviewed: 2026-11-01\nreview_interval: 90d\n${extra}---\n\n# Body\n`;

  it('reports a 5 MB file once, without parsing it, quickly', async () => {
    const root = tree({ 'docs/huge.md': page() + 'x'.repeat(5 * 1024 * 1024) });
    const result = await validate(root, [], { strictReviews: false, now: NOW });
    expect(result.problems).toEqual([
      expect.objectContaining({ file: 'docs/huge.md', line: 1, column: 1, rule: 'file/readable', message: expect.stringContaining('5.0 MB') }),
    ]);
  });

  it('reports CRLF files at the same positions as LF files', async () => {
    const lf = page('severty: SEV2\ntags: [kubernets]\n');
    const root = tree({ 'docs/reference/lf.md': lf, 'docs/reference/crlf.md': lf.replace(/\n/g, '\r\n') });
    const { problems } = await validate(root, [], { strictReviews: false, now: NOW });
    const at = (file: string) => problems.filter((p) => p.file === file).map((p) => `${p.line}:${p.column} ${p.rule}`);
    expect(at('docs/reference/crlf.md')).toEqual(at('docs/reference/lf.md'));
    expect(at('docs/reference/lf.md')).toEqual(['8:1 frontmatter/schema', '9:8 frontmatter/tags']);
  });

  it('warns about files Docusaurus would ignore, but not about images', async () => {
    const root = tree({ 'docs/reference/a.md': page(), 'docs/dump.sql': 'DROP TABLE x;', 'docs/img/arch.png': new Uint8Array([0x89, 0x50, 0, 0]) });
    const { problems } = await validate(root, [], { strictReviews: false, now: NOW });
    expect(problems.map((p) => `${p.file} ${p.rule} ${p.severity}`)).toEqual(['docs/dump.sql file/unexpected warning']);
  });

  it('reports a file that is not UTF-8', async () => {
    const root = tree({ 'docs/latin1.md': new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xe9, 0x0a]) });
    const { problems } = await validate(root, [], { strictReviews: false, now: NOW });
    expect(problems.map((p) => `${p.rule}: ${p.message}`)).toEqual(['file/readable: file is not valid UTF-8; re-save it with UTF-8 encoding']);
  });
});
