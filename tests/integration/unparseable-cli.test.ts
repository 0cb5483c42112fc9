/**
 * The run the issue saw crash: a doc of 50,000 nested `>` made every `npm run validate` exit 3 with
 * "Maximum call stack size exceeded", whatever paths were given. Now it is one problem on that file.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/examples.ts';

const run = promisify(execFile);
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(ROOT, 'scripts', 'validate', 'cli.ts');

async function cli(args: string[]) {
  try {
    const { stdout } = await run(TSX, [CLI, ...args], { cwd: ROOT, env: { ...process.env, GITHUB_ACTIONS: '' }, maxBuffer: 1 << 26 });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

describe('npm run validate with a pathological doc in the tree', () => {
  it('reports it as file/unparseable, checks the other docs, and keeps doing so on the next (cached) run', { timeout: 120_000 }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'unparseable-'));
    mkdirSync(join(root, 'docs'));
    copyFileSync(join(ROOT, 'docs', 'tags.yml'), join(root, 'docs', 'tags.yml'));
    writeFileSync(join(root, 'docs', 'deep.md'), `${'> '.repeat(50_000)}a\n`);
    writeFileSync(join(root, 'docs', 'good.md'), '---\ntype: guide\n---\n\n# Good\n\nSee [x](./missing.md).\n');
    for (const attempt of ['cold', 'warm']) {
      const { code, stdout } = await cli(['--root', root, '--format', 'json']);
      expect(code, attempt).toBe(1);
      const problems = (JSON.parse(stdout) as { problems: Array<{ file: string; line: number; column: number; rule: string; message: string }> }).problems;
      const deep = problems.filter((p) => p.file === 'docs/deep.md');
      expect(deep.map((p) => `${p.line}:${p.column} ${p.rule}`), attempt).toEqual(['1:1 file/unparseable']);
      expect(deep[0]!.message).toContain('block quotes are nested more than 32 deep on line 1');
      expect(problems.some((p) => p.file === 'docs/good.md' && p.rule === 'links/internal'), attempt).toBe(true);
    }
    // Only the good file asked for: it is checked, the bad one is read but not reported.
    const { stdout } = await cli(['--root', root, '--format', 'json', 'docs/good.md']);
    const files = new Set((JSON.parse(stdout) as { problems: Array<{ file: string }> }).problems.map((p) => p.file));
    expect([...files]).toEqual(['docs/good.md']);
  });
});
