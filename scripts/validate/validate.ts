import { loadChecks } from './checks/index.ts';
import { loadProject } from './engine/load.ts';
import { collectSkipped, prepareChecks, runChecks, type RunStats } from './engine/runner.ts';
import type { ValidateOptions } from './engine/types.ts';
import type { RunResult } from './reporters/types.ts';

/** The whole pipeline: read and parse each file once, run every check, return sorted problems. */
export async function validate(root: string, paths: string[], options: ValidateOptions): Promise<RunResult> {
  const started = performance.now();
  const checks = await loadChecks();
  const project = loadProject(root, paths, options);
  const stats: RunStats = { suppressed: {} };
  const prepared = await prepareChecks(project, checks);
  const problems = [...prepared, ...runChecks(project, checks, stats)];
  const skipped = collectSkipped(project, checks);
  return { files: project.targets.size, problems, suppressed: stats.suppressed, ...(skipped.length ? { skipped } : {}), elapsedMs: performance.now() - started };
}
