/**
 * The result cache (scripts/validate/engine/result-cache.ts): a run on unchanged inputs prints the
 * stored report without running a check, and any change a check could see runs them again.
 */
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validate } from '../../scripts/validate/validate.ts';
import { digestInputs } from '../../scripts/validate/engine/result-cache.ts';
import type { ValidateOptions } from '../../scripts/validate/engine/types.ts';
import { NOW, ROOT } from '../helpers/examples.ts';

const REPLAYED = '(the result of a run on the same inputs, from .cache/validate/)';
const DOC = 'docs/runbooks/rb-001-deployment-fails-to-start.md';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'result-cache-'));
  for (const path of ['docs', 'src/data', 'static/scripts', '.remarkrc.js', 'core/markdown/dialect.js', 'scripts/remark', 'package.json', 'package-lock.json']) {
    cpSync(join(ROOT, path), join(dir, path), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  age();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const options = (extra: Partial<ValidateOptions> = {}): ValidateOptions => ({ strictReviews: false, now: NOW, cache: true, timings: true, ...extra });
const replayed = (r: Awaited<ReturnType<typeof validate>>) => Object.keys(r.timings ?? {}).includes(REPLAYED);
const summary = (r: Awaited<ReturnType<typeof validate>>) => r.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule} ${p.message}`);

/** Stat is trusted only for files older than the walk by two seconds: ages `path`, or every file. */
function age(path = ''): void {
  const old = new Date(Date.now() - 60_000);
  for (const file of path ? [join(dir, path)] : listFiles(dir)) utimesSync(file, old, old);
}

function listFiles(abs: string): string[] {
  return readdirSync(abs).flatMap((name) => {
    const path = join(abs, name);
    if (name === 'node_modules' || name === '.cache') return [];
    return lstatSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

describe('the result cache', () => {
  it('replays the report of a run on the same inputs, and runs the checks again after an edit', async () => {
    const first = await validate(dir, [], options());
    expect(replayed(first)).toBe(false);
    const second = await validate(dir, [], options());
    expect(replayed(second)).toBe(true);
    expect(second.problems).toEqual(first.problems);
    expect(second.files).toBe(first.files);
    expect(second.rules).toEqual(first.rules);

    // An edit that breaks a link: the checks run and report it, as a run without any cache does.
    const doc = join(dir, DOC);
    writeFileSync(doc, `${readFileSync(doc, 'utf8')}\nSee [the guide](../deployment/no-such-page.md).\n`);
    age(DOC);
    const edited = await validate(dir, [], options());
    expect(replayed(edited)).toBe(false);
    expect(summary(edited).some((p) => p.includes('no-such-page'))).toBe(true);
    expect(summary(edited)).toEqual(summary(await validate(dir, [], options({ cache: false }))));
  }, 240_000);

  it('runs the checks again when a file appears that a link resolves to, or a day passes', async () => {
    const doc = join(dir, DOC);
    writeFileSync(doc, `${readFileSync(doc, 'utf8')}\nSee [the notes](./later.md).\n`);
    age(DOC);
    const missing = await validate(dir, [], options());
    expect(summary(missing).some((p) => p.includes('later.md'))).toBe(true);
    // A new file no doc was checked against before: the stored report would be wrong now.
    writeFileSync(join(dir, 'docs/runbooks/later.md'), readFileSync(join(dir, DOC), 'utf8').replace(/^id: .*$/m, 'id: later').replace(/runbook_id: RB-\d+/, 'runbook_id: RB-998'));
    age('docs/runbooks/later.md');
    const found = await validate(dir, [], options());
    expect(replayed(found)).toBe(false);
    expect(summary(found).some((p) => p.includes('./later.md'))).toBe(false);
    // Reviews fall due by the day: another day is another key.
    const tomorrow = await validate(dir, [], options({ now: new Date(NOW.getTime() + 86_400_000) }));
    expect(replayed(tomorrow)).toBe(false);
  }, 240_000);

  it('never replays --changed, nor stores a run whose files changed within two seconds', async () => {
    await validate(dir, [], options());
    const doc = join(dir, DOC);
    writeFileSync(doc, `${readFileSync(doc, 'utf8')}\nOne more sentence.\n`); // just now: racy
    const fresh = await validate(dir, [], options());
    expect(replayed(fresh)).toBe(false);
    expect(replayed(await validate(dir, [], options()))).toBe(false);
    age(DOC);
    await validate(dir, [], options());
    expect(replayed(await validate(dir, [], options()))).toBe(true);
  }, 240_000);

  it('hashes size, times and inode of every file, and skips node_modules and .cache', () => {
    const before = digestInputs([dir], 'v')!;
    expect(digestInputs([dir], 'v')!.digest).toBe(before.digest);
    expect(digestInputs([dir], 'w')!.digest).not.toBe(before.digest);
    writeFileSync(join(dir, '.cache-note'), 'x');
    expect(digestInputs([dir], 'v')!.digest).not.toBe(before.digest);
    rmSync(join(dir, '.cache-note'));
    mkdirSync(join(dir, '.cache'), { recursive: true });
    writeFileSync(join(dir, '.cache', 'anything'), 'x');
    expect(digestInputs([dir], 'v')!.digest).toBe(before.digest);
    // A linked file is read through the link: an edit of its target is an edit.
    const outside = mkdtempSync(join(tmpdir(), 'result-cache-target-'));
    try {
      writeFileSync(join(outside, 'note.md'), 'one');
      symlinkSync(join(outside, 'note.md'), join(dir, 'docs', 'linked.md'));
      const linked = digestInputs([dir], 'v')!.digest;
      writeFileSync(join(outside, 'note.md'), 'one, two');
      expect(digestInputs([dir], 'v')!.digest).not.toBe(linked);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
