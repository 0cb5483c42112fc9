import type { Skipped } from '../engine/check.ts';
import type { Problem } from '../engine/types.ts';

export interface RunResult {
  files: number;
  problems: Problem[];
  /** Checks that visible opt-out markers suppressed (absent when there are none). */
  skipped?: Skipped[];
  /** Problems silenced by disable comments, per check id (e.g. `{"remark-lint": 3}`). */
  suppressed?: Record<string, number>;
  /** Wall time of the run in milliseconds. */
  elapsedMs: number;
  /** Milliseconds per phase and per check, with `--timings` (never in the JSON report). */
  timings?: Record<string, number>;
}

export type Reporter = (result: RunResult, options: { color: boolean }) => string;
