/**
 * secretlint 12 profiles every call: a `performance.mark` per rule per text, and an observer that
 * scans all earlier marks, which is quadratic (14 s of CPU after 1,000 blocks; secretlint#1653).
 * Nobody reads that profile here, so its `mark` becomes a no-op. The upstream fix is in 13.x
 * (secretlint#1673), which needs Node 22; the project runs on Node 20.19 too.
 *
 * Fenced by version: the patch applies to exactly the version pinned in package.json, and a test
 * (tests/unit/secretlint-patch.test.ts) fails when it stops applying or when secretlint moves on,
 * so that the workaround is reconsidered, not silently kept or silently lost.
 */
export const PATCHED_SECRETLINT_VERSION = '12.0.0';

interface ProfilerModule {
  secretLintProfiler?: { mark?: unknown };
}

export type PatchResult = { applied: true } | { applied: false; reason: string };

export function patchSecretlintProfiler(profiler: ProfilerModule, coreVersion: string): PatchResult {
  if (coreVersion !== PATCHED_SECRETLINT_VERSION) {
    return { applied: false, reason: `@secretlint/core ${coreVersion} is not ${PATCHED_SECRETLINT_VERSION}, the version the profiler patch was written for` };
  }
  const target = profiler.secretLintProfiler;
  if (!target || typeof target.mark !== 'function') {
    return { applied: false, reason: '@secretlint/profiler no longer exports `secretLintProfiler.mark`' };
  }
  target.mark = () => undefined;
  return { applied: true };
}
