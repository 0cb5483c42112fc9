/**
 * A source tree the spec generator reads: a git repository (a clone or a bare mirror) at a pinned
 * tag, read with `git show <ref>:<path>` so the working tree's checkout does not matter.
 */
import { execFileSync } from 'node:child_process';

export interface SourceInfo {
  /** https://github.com/<owner>/<name> */
  repo: string;
  /** The tag the data was generated from. */
  ref: string;
  /** The commit the tag points at. */
  commit: string;
}

export class GitSource {
  readonly info: SourceInfo;
  constructor(
    readonly dir: string,
    repo: string,
    ref: string,
  ) {
    const commit = this.git('rev-parse', `${ref}^{commit}`).trim();
    this.info = { repo, ref, commit };
  }

  private git(...args: string[]): string {
    return execFileSync('git', ['-C', this.dir, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  }

  /** Paths under `dir` (recursive), relative to the repository root. */
  list(dir: string): string[] {
    return this.git('ls-tree', '-r', '--name-only', this.info.commit, '--', dir).split('\n').filter(Boolean);
  }

  read(path: string): string {
    return this.git('show', `${this.info.commit}:${path}`);
  }

  /** The tree the commit records (the same for any import of the same files). */
  tree(): string {
    return this.git('rev-parse', `${this.info.commit}^{tree}`).trim();
  }

  has(path: string): boolean {
    try {
      this.git('cat-file', '-e', `${this.info.commit}:${path}`);
      return true;
    } catch {
      return false;
    }
  }
}
