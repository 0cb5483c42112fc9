import type { Skipped } from '../engine/check.ts';
import type { Problem, Severity } from '../engine/types.ts';

/** What a report says of a rule: SARIF lists every rule of the run. */
export interface RuleInfo {
  id: string;
  description: string;
  severity: Severity;
}

export interface RunResult {
  files: number;
  problems: Problem[];
  /** Each rule of each `validate-ignore` marker, with its reason and count (absent when there are none). */
  skipped?: Skipped[];
  /** Problems silenced by `validate-ignore` markers, per rule id (e.g. `{"remark-lint:heading-increment": 3}`). */
  suppressed?: Record<string, number>;
  /** Files read but not reported, and why (`--changed`, `--shard`). */
  notReported?: { count: number; reason: string };
  /** The checks of the run (absent in reports merged from files that did not list them). */
  rules?: RuleInfo[];
  /** Wall time of the run in milliseconds. */
  elapsedMs: number;
  /** Milliseconds per phase and per check, with `--timings` (never in the JSON report). */
  timings?: Record<string, number>;
  /** With `--timings`: where the docs came from (the facts index, parsed) and cache buckets read. */
  counts?: Record<string, number>;
}

export type Reporter = (result: RunResult, options: { color: boolean }) => string;
