import type { Problem } from '../engine/types.ts';

export interface RunResult {
  files: number;
  problems: Problem[];
  /** Wall time of the run in milliseconds. */
  elapsedMs: number;
}

export type Reporter = (result: RunResult, options: { color: boolean }) => string;
