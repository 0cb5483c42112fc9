/**
 * The disk cache (.cache/validate/) makes a second run fast; it must never change what is reported:
 * an edited file is checked again, a corrupt cache is ignored, and results equal a --no-cache run.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validate } from '../../scripts/validate/validate.ts';
import { NOW } from '../helpers/examples.ts';
import { validatorTree } from '../helpers/validator-tree.ts';

let copy: string;
beforeEach(() => {
  copy = validatorTree('handbook-cache-', ['docs', 'src/data']);
});
afterEach(() => rmSync(copy, { recursive: true, force: true }));

const run = (cache: boolean) => validate(copy, [], { strictReviews: false, now: NOW, cache });
const summary = (r: Awaited<ReturnType<typeof run>>) => r.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule}`);
const cacheFiles = () => readdirSync(join(copy, '.cache', 'validate'));

describe('the validate cache', () => {
  it('gives the same report warm, cold and without a cache, and sees edits', async () => {
    const cold = summary(await run(true));
    expect(cold.filter((p) => p.includes('remark-lint:config'))).toEqual([]); // the style rules really ran
    expect(cacheFiles()).toHaveLength(1);
    expect(summary(await run(true))).toEqual(cold);
    expect(summary(await run(false))).toEqual(cold);

    // Break a heading anchor that other pages link to: the warm run must report it.
    const guide = join(copy, 'docs/deployment/deployment-guide.md');
    writeFileSync(guide, readFileSync(guide, 'utf8').replace('### Switch traffic\n', '### Traffic switch\n'));
    const edited = summary(await run(true));
    expect(edited.filter((p) => p.endsWith('links/internal')).length).toBeGreaterThan(0);
    expect(edited).toEqual(summary(await run(false)));

    // A typo in a shell block (parsed shell is cached by block text): reported by the warm run.
    writeFileSync(guide, readFileSync(guide, 'utf8').replace('kubectl rollout status', 'kubctl rollout status'));
    const typo = summary(await run(true));
    expect(typo.filter((p) => p.endsWith('commands/unknown-command')).length).toBeGreaterThan(0);
    expect(typo).toEqual(summary(await run(false)));
  });

  it('ignores corrupt cache files (every bucket and the facts index)', async () => {
    const expected = summary(await run(true));
    const [dir] = cacheFiles();
    const files = readdirSync(join(copy, '.cache', 'validate', dir!));
    expect(files).toContain('index.json');
    for (const file of files) writeFileSync(join(copy, '.cache', 'validate', dir!, file), 'not a cache');
    expect(summary(await run(true))).toEqual(expected);
  });
});
