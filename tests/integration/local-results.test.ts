/**
 * The lean path for unchanged docs (engine/local-results.ts): a local check's reports for a doc
 * are stored, and replayed while the doc, the data and the repository files the check looked at
 * are unchanged. Replayed or not, the report is the one of a run without a cache.
 */
import { appendFileSync, cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { validate } from '../../scripts/validate/validate.ts';
import { NOW, ROOT } from '../helpers/examples.ts';
import { validatorTree } from '../helpers/validator-tree.ts';

// secretlint, which commands/secrets loads in its `prepare`, can be made to fail (the last test).
const secretlint = vi.hoisted(() => ({ fail: false }));
vi.mock('@secretlint/core', async (importOriginal) => {
  const core = await importOriginal<typeof import('@secretlint/core')>();
  return { ...core, lintSource: (...args: Parameters<typeof core.lintSource>) => (secretlint.fail ? Promise.reject(new Error('secretlint failed to load its rules')) : core.lintSource(...args)) };
});

let copy: string;
beforeEach(() => {
  copy = validatorTree('handbook-local-', ['docs', 'src/data']);
  // Docs with problems of many checks, local and not.
  mkdirSync(join(copy, 'docs', 'bad'));
  for (const name of readdirSync(join(ROOT, 'tests/fixtures/bad'))) cpSync(join(ROOT, 'tests/fixtures/bad', name), join(copy, 'docs', 'bad', name));
});
afterEach(() => {
  secretlint.fail = false;
  rmSync(copy, { recursive: true, force: true });
});

const run = (cache: boolean) => validate(copy, [], { strictReviews: false, now: NOW, cache, timings: true });
type Result = Awaited<ReturnType<typeof run>>;
const summary = (r: Result) => r.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule} ${p.message}`);
const replayed = (r: Result) => r.counts!['docs whose local checks replayed stored reports']!;
const ran = (r: Result) => r.counts!['docs whose local checks ran']!;

const ROTATE = '---\ntype: guide\ntitle: Rotate keys\n---\n\n# Rotate keys\n\n```bash\n./scripts/rotate-keys.sh --dry-run\nnpm --prefix web run deploy-preview\n```\n';

describe('stored reports of the local checks', () => {
  it('are replayed for unchanged docs, and the report is that of a run without a cache', async () => {
    const cold = await run(true);
    expect(replayed(cold)).toBe(0);
    expect(ran(cold)).toBeGreaterThan(100);
    const local = new Set(['frontmatter/schema', 'frontmatter/yaml', 'commands/unknown-command', 'markdown/unclosed-fence']);
    expect(cold.problems.filter((p) => local.has(p.rule)).length).toBeGreaterThan(5);

    appendFileSync(join(copy, 'docs', 'bad', 'missing-type.md'), '\nOne more sentence.\n');
    const warm = await run(true);
    expect(ran(warm)).toBe(1);
    expect(replayed(warm)).toBe(ran(cold) - 1);
    expect(summary(warm)).toEqual(summary(await run(false)));
  });

  it('check a doc again when a repository file its commands name appears or changes', async () => {
    writeFileSync(join(copy, 'docs', 'deployment', 'rotate-keys.md'), ROTATE);
    mkdirSync(join(copy, 'web'));
    writeFileSync(join(copy, 'web', 'package.json'), '{"scripts": {"build": "echo"}}\n');
    const rules = (r: Result) => r.problems.filter((p) => p.file === 'docs/deployment/rotate-keys.md' && p.rule.startsWith('commands/')).map((p) => `${p.line}:${p.column} ${p.rule}`);
    expect(rules(await run(true))).toEqual(['9:1 commands/unknown-command', '10:22 commands/catalog']);

    mkdirSync(join(copy, 'scripts'), { recursive: true });
    writeFileSync(join(copy, 'scripts', 'rotate-keys.sh'), '#!/bin/sh\n');
    const withScript = await run(true);
    expect(rules(withScript)).toEqual(['10:22 commands/catalog']);
    expect(ran(withScript)).toBe(1);

    writeFileSync(join(copy, 'web', 'package.json'), '{"scripts": {"build": "echo", "deploy-preview": "echo"}}\n');
    const withScripts = await run(true);
    expect(rules(withScripts)).toEqual([]);
    expect(ran(withScripts)).toBe(1);
    expect(summary(withScripts)).toEqual(summary(await run(false)));
  });

  it('are not used once the data the checks read changes', async () => {
    const cold = await run(true);
    appendFileSync(join(copy, 'src', 'data', 'catalog.yml'), '\n# A comment.\n');
    const after = await run(true);
    expect(replayed(after)).toBe(0);
    expect(ran(after)).toBe(ran(cold));
  });

  it('are neither stored nor replayed by a run in which a check failed to set up', async () => {
    // A token only secretlint finds: commands/secrets reports it from what its `prepare` computed.
    const TOKEN = '---\ntype: guide\ntitle: Call the API\n---\n\n# Call the API\n\n```bash\ncurl -H "Authorization: token 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" https://api.example.com\n```\n';
    writeFileSync(join(copy, 'docs', 'deployment', 'call-api.md'), TOKEN);
    const found = (r: Result) => r.problems.filter((p) => p.file === 'docs/deployment/call-api.md' && p.rule === 'commands/secrets').map((p) => p.message);

    // First, before any run has memoised secretlint's findings for this block in the process.
    secretlint.fail = true;
    const failed = await run(true);
    expect(failed.problems.some((p) => p.rule === 'internal/check-crashed' && p.message.includes('commands/secrets'))).toBe(true);
    expect(found(failed).some((m) => m.includes('secretlint'))).toBe(false);
    expect(replayed(failed)).toBe(0);

    // Had the failed run stored its reports, this run would replay them without secretlint's finding.
    secretlint.fail = false;
    const after = await run(true);
    expect(replayed(after)).toBe(0);
    expect(found(after).some((m) => m.includes('secretlint'))).toBe(true);
    expect(summary(after)).toEqual(summary(await run(false)));
  });
});
