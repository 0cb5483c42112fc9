import type { Skipped } from '../engine/check.ts';
import type { Problem } from '../engine/types.ts';

export interface RunResult {
  files: number;
  problems: Problem[];
  /** Each rule of each `validate-ignore` marker, with its reason and count (absent when there are none). */
  skipped?: Skipped[];
  /** Problems silenced by `validate-ignore` markers, per rule id (e.g. `{"remark-lint:heading-increment": 3}`). */
  suppressed?: Record<string, number>;
  /** Wall time of the run in milliseconds. */
  elapsedMs: number;
  /** Milliseconds per phase and per check, with `--timings` (never in the JSON report). */
  timings?: Record<string, number>;
}

export type Reporter = (result: RunResult, options: { color: boolean }) => string;
