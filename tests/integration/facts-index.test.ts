/**
 * The facts index (scripts/validate/engine/file-index.ts): `--changed` takes every other doc's
 * headings, links and ids from it instead of parsing the tree, and it never serves a stale entry.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validate } from '../../scripts/validate/validate.ts';
import type { ValidateOptions } from '../../scripts/validate/engine/types.ts';
import { ROOT } from '../helpers/examples.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'facts-index-'));
  for (const path of ['docs', 'src/data', 'static/scripts', '.remarkrc.js', 'core/markdown/dialect.js', 'scripts/remark', 'package.json', 'package-lock.json']) {
    cpSync(join(ROOT, path), join(dir, path), { recursive: true });
  }
  writeFileSync(join(dir, '.gitignore'), 'node_modules\n.cache\n');
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'docs');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const GUIDE = 'docs/deployment/deployment-guide.md';
const options = (extra: Partial<ValidateOptions> = {}): ValidateOptions => ({ strictReviews: false, now: new Date(), cache: true, timings: true, ...extra });
const summary = (r: Awaited<ReturnType<typeof validate>>) => r.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule} ${p.message}`);
/** Index entries are trusted on stat only for files older than the index by two seconds (the racy rule). */
const age = (seconds: number) => {
  const old = new Date(Date.now() - seconds * 1000);
  for (const file of execFileSync('git', ['ls-files', 'docs'], { cwd: dir, encoding: 'utf8' }).split('\n').filter(Boolean)) utimesSync(join(dir, file), old, old);
};

describe('the facts index', () => {
  it('lets --changed find the docs linking to a renamed heading while parsing only the changed doc', async () => {
    age(60);
    await validate(dir, [], options()); // builds the index and the parse cache
    const guide = join(dir, GUIDE);
    writeFileSync(guide, readFileSync(guide, 'utf8').replace('### Switch traffic\n', '### Move the traffic\n'));

    const changed = await validate(dir, [], options({ changed: { base: 'main', staged: false } }));
    const full = await validate(dir, [], options({ cache: false }));
    // Six docs link to #switch-traffic: every one is reported, as a full run without a cache reports it.
    expect(summary(full).filter((p) => p.includes('#switch-traffic')).length).toBeGreaterThanOrEqual(5);
    expect(summary(changed)).toEqual(summary(full));
    expect(changed.counts?.['docs parsed']).toBe(1);
    expect(changed.counts?.['docs hashed, unchanged']).toBe(0);
    expect(changed.counts?.['docs from the index (stat matched)']).toBeGreaterThan(100);
    // Only the reported docs are read in full; the rest stay index entries.
    expect(changed.counts?.['indexed docs a check read in full']).toBeLessThanOrEqual(changed.files);
  }, 240_000);

  it('detects by hash an edit made outside git that kept the size and the mtime', async () => {
    age(60);
    const cold = await validate(dir, [], options());
    expect(summary(cold).filter((p) => p.includes('#switch-traffic'))).toEqual([]);
    const guide = join(dir, GUIDE);
    const { atime, mtime, size } = statSync(guide);
    // Same length, another anchor (#switch-routing): only the content hash can tell.
    writeFileSync(guide, readFileSync(guide, 'utf8').replace('### Switch traffic\n', '### Switch routing\n'));
    utimesSync(guide, atime, mtime);
    expect(statSync(guide).size).toBe(size);

    const warm = await validate(dir, [], options());
    expect(warm.counts?.['docs parsed']).toBe(1);
    expect(summary(warm).filter((p) => p.includes('#switch-traffic')).length).toBeGreaterThanOrEqual(5);
    expect(summary(warm)).toEqual(summary(await validate(dir, [], options({ cache: false }))));
    // The index now holds the new anchors: --changed against main (the guide differs) agrees.
    const changed = await validate(dir, [], options({ changed: { base: 'main', staged: false } }));
    expect(changed.counts?.['docs parsed']).toBe(0);
    expect(summary(changed)).toEqual(summary(warm));
  }, 240_000);
});
