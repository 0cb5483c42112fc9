import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { prepareSecretlint, profilerPatch } from '../../scripts/validate/commands/secrets.ts';
import { PATCHED_SECRETLINT_VERSION, patchSecretlintProfiler } from '../../scripts/validate/commands/secretlint-profiler-patch.ts';
import { NO_CACHE, setActiveCache } from '../../scripts/validate/engine/disk-cache.ts';

const require = createRequire(import.meta.url);

describe('secretlint profiler patch (fenced by version)', () => {
  it('is written for the exact version package.json pins', () => {
    const pkg = require('../../package.json') as { devDependencies: Record<string, string> };
    expect(pkg.devDependencies['@secretlint/core']).toBe(PATCHED_SECRETLINT_VERSION);
    expect(pkg.devDependencies['@secretlint/profiler']).toBe(PATCHED_SECRETLINT_VERSION);
  });

  it('still applies: linting records no profiler marks', async () => {
    setActiveCache(NO_CACHE);
    await prepareSecretlint(`echo "patch test ${Date.now()}"`);
    expect(profilerPatch).toEqual({ applied: true });
    // The very instance @secretlint/core uses, resolved from core as secrets.ts does.
    const profilerUrl = pathToFileURL(createRequire(require.resolve('@secretlint/core')).resolve('@secretlint/profiler')).href;
    const { secretLintProfiler } = (await import(profilerUrl)) as { secretLintProfiler: { entries: unknown[] } };
    await prepareSecretlint(`echo "second patch test ${Date.now()}"`);
    await new Promise((resolve) => setTimeout(resolve, 20)); // let the observer run
    expect(secretLintProfiler.entries).toEqual([]);
  });

  it('does not apply to another version, so an upgrade is noticed', () => {
    const profiler = { secretLintProfiler: { mark: () => 'original' } };
    expect(patchSecretlintProfiler(profiler, '13.0.1')).toEqual({ applied: false, reason: expect.stringContaining('13.0.1') });
    expect(profiler.secretLintProfiler.mark()).toBe('original');
    expect(patchSecretlintProfiler({}, PATCHED_SECRETLINT_VERSION)).toEqual({ applied: false, reason: expect.stringContaining('no longer exports') });
  });
});
