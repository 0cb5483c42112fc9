/**
 * `--changed`: the lines a branch adds or modifies, from `git diff -U0 <merge-base>` (committed and
 * uncommitted changes against the base) plus untracked files, so only links on those lines are
 * checked.
 */
import { execFileSync } from 'node:child_process';
import { UsageError } from '../validate/engine/load.ts';

/** Changed line ranges (inclusive) by repo-relative path. */
export type ChangedLines = Map<string, [number, number][]>;

function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Parses unified diff output with zero context into added-line ranges of the new files. */
export function parseDiff(diff: string): ChangedLines {
  const out: ChangedLines = new Map();
  let current: [number, number][] | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const path = line.slice(4).trim();
      if (path === '/dev/null') current = undefined;
      else {
        const clean = path.replace(/^"?b\//, '').replace(/"$/, '');
        current = out.get(clean) ?? [];
        out.set(clean, current);
      }
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      if (count > 0) current.push([start, start + count - 1]);
    }
  }
  return out;
}

export function changedLines(root: string, base: string): ChangedLines {
  let mergeBase: string;
  try {
    mergeBase = git(root, ['merge-base', base, 'HEAD']).trim();
  } catch (error) {
    const detail = error instanceof Error && 'stderr' in error ? String((error as { stderr: unknown }).stderr).trim().split('\n')[0] : '';
    throw new UsageError(`cannot compare with \`${base}\`: ${detail || 'git merge-base failed'}. Fetch the base branch, or pass another one with --base.`);
  }
  const changed = parseDiff(git(root, ['diff', '-U0', '--no-color', '--no-ext-diff', '--find-renames', '--src-prefix=a/', '--dst-prefix=b/', mergeBase]));
  for (const path of git(root, ['ls-files', '--others', '--exclude-standard']).split('\n').filter(Boolean)) {
    changed.set(path, [[1, Number.MAX_SAFE_INTEGER]]);
  }
  return changed;
}

export function onChangedLine(changed: ChangedLines, file: string, line: number): boolean {
  return (changed.get(file) ?? []).some(([from, to]) => line >= from && line <= to);
}

/** The default base: the upstream main branch when it exists, else `main`. */
export function defaultBase(root: string): string {
  try {
    git(root, ['rev-parse', '--verify', '--quiet', 'origin/main']);
    return 'origin/main';
  } catch {
    return 'main';
  }
}
