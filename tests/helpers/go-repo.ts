/** A throwaway git repository holding the given files, tagged `v1`, for the spec generators' tests. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { GitSource } from '../../scripts/specs/source.ts';

export function gitRepo(files: Record<string, string>): GitSource {
  const dir = mkdtempSync(join(tmpdir(), 'spec-src-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, '-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'fixture');
  git('tag', 'v1');
  return new GitSource(dir, 'https://github.com/example/fixture', 'v1');
}
