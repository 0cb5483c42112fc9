/**
 * What `--changed` and `--staged` ask git (scripts/validate/engine/changed.ts): the changed and
 * removed paths, and each one's text at the base, read in one batch; and a message, not a crash,
 * when there is no repository or no such base.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { gitChanges } from '../../scripts/validate/engine/changed.ts';
import { UsageError } from '../../scripts/validate/engine/load.ts';

const run = promisify(execFile);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function repo(files: Record<string, string>): Promise<{ dir: string; git: (...args: string[]) => Promise<unknown> }> {
  const dir = mkdtempSync(join(tmpdir(), 'git-changes-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const git = (...args: string[]) => run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir });
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-qm', 'base');
  return { dir, git };
}

describe('gitChanges', () => {
  it('lists modified, deleted, renamed and untracked docs, with their text at the base byte for byte', async () => {
    // Multi-byte text: the batch gives sizes in bytes.
    const runbook = '---\ntitle: Überlauf — 503\n---\n\n# Überlauf\n\nRoll back → step 2.\n';
    const { dir, git } = await repo({ 'docs/a.md': runbook, 'docs/b.md': '# B\n', 'docs/c.md': '# C\n\nThe same text, long enough to be found as a rename.\n', 'docs/empty.md': '' });
    writeFileSync(join(dir, 'docs/a.md'), `${runbook}\nOne more line.\n`);
    rmSync(join(dir, 'docs/b.md'));
    renameSync(join(dir, 'docs/c.md'), join(dir, 'docs/moved.md'));
    await git('add', '-A', 'docs/c.md', 'docs/moved.md');
    writeFileSync(join(dir, 'docs/empty.md'), '# Not empty now\n');
    writeFileSync(join(dir, 'docs/new.md'), '# New\n');
    const changes = await gitChanges(dir, 'main', false);
    expect(changes.changed).toEqual(['docs/a.md', 'docs/empty.md', 'docs/moved.md', 'docs/new.md']);
    expect(changes.removed).toEqual(['docs/b.md', 'docs/c.md']);
    expect(changes.before('docs/a.md')).toBe(runbook);
    expect(changes.before('docs/b.md')).toBe('# B\n');
    expect(changes.before('docs/c.md')).toBe('# C\n\nThe same text, long enough to be found as a rename.\n');
    expect(changes.before('docs/empty.md')).toBe('');
    expect(changes.before('docs/moved.md')).toBeUndefined();
    expect(changes.before('docs/new.md')).toBeUndefined();
  });

  it('with staged, compares the index with HEAD only', async () => {
    const { dir, git } = await repo({ 'docs/a.md': '# A\n', 'docs/b.md': '# B\n' });
    writeFileSync(join(dir, 'docs/a.md'), '# A, staged\n');
    await git('add', 'docs/a.md');
    writeFileSync(join(dir, 'docs/b.md'), '# B, not staged\n');
    const changes = await gitChanges(dir, 'main', true);
    expect(changes.changed).toEqual(['docs/a.md']);
    expect(changes.before('docs/a.md')).toBe('# A\n');
  });

  it('says what is wrong when the base is not a commit, or there is no repository', async () => {
    const { dir } = await repo({ 'docs/a.md': '# A\n' });
    const noBase = await gitChanges(dir, 'origin/main', false).catch((error: unknown) => error);
    expect(noBase).toBeInstanceOf(UsageError);
    expect((noBase as Error).message).toBe('--changed compares with "origin/main", which is not a branch, tag or commit in this repository; fetch it (git fetch origin main), or name another with --base');
    const plain = mkdtempSync(join(tmpdir(), 'not-a-repo-'));
    dirs.push(plain);
    const noRepo = await gitChanges(plain, 'main', false).catch((error: unknown) => error);
    expect(noRepo).toBeInstanceOf(UsageError);
    expect((noRepo as Error).message).toContain('is not in a git repository');
  });
});
