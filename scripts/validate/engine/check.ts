import type { Node as MdastNode } from 'mdast';
import type { DocFile, Position, Project, Severity, SourceRef } from './types.ts';

/** Where a problem is: a position, an mdast node, or an offset into the file's source. */
export type Location = Position | { node: MdastNode } | { offset: number };

export interface Report {
  /**
   * Reports a problem. `rule` names a sub-rule of a check that wraps a rule set (remark-lint):
   * the problem's rule id is then `<check id>:<rule>`, e.g. `remark-lint:heading-increment`.
   */
  (file: SourceRef, at: Location, message: string, options?: { severity?: Severity; rule?: string }): void;
  /**
   * Counts problems the check found in `file` but that a disable comment in the file silenced
   * (remark-lint's `<!-- lint disable ... -->`). The count is shown in the report summary.
   */
  suppressed(file: SourceRef, count: number): void;
}

/**
 * A documented example, run as a test (like remark-lint's `ok.md` / `not-ok.md`) and rendered on
 * the check's docs page. `files` adds other files to the example's project.
 */
export interface Example {
  title: string;
  /** Path of the example file (default `docs/example.md`). */
  path?: string;
  source: string;
  files?: Record<string, string>;
  /**
   * For bad examples: the problems expected, as `line:column` plus a fragment of the message, and
   * for checks with sub-rules the full rule id (`remark-lint:heading-increment`).
   */
  problems?: Array<{ at: `${number}:${number}`; message: string; rule?: string }>;
}

export interface Check {
  /** Rule id, `category/name`, as printed in reports. */
  id: string;
  /** One line: what the check finds. */
  description: string;
  severity: Severity;
  docs: {
    /** Why the check exists: what goes wrong at 3 a.m. without it. */
    why: string;
    /** How to fix what it reports. */
    fix: string;
    good: Example[];
    bad: Example[];
  };
  /** Called once per file of the run. */
  checkFile?(file: DocFile, project: Project, report: Report): void;
  /** Called once per run, for checks across files. */
  checkProject?(project: Project, report: Report): void;
  /**
   * Optional asynchronous set-up, awaited once per run before any check runs (by validate.ts and
   * the example runner): for libraries with an async API (secretlint). Keep results in a cache the
   * synchronous `checkFile` reads; `checkFile` must still work (never crash) without it.
   */
  prepare?(project: Project): Promise<void>;
  /** Optional: where a visible opt-out marker suppressed a check in this run; reporters count them. */
  skipped?(project: Project): Skipped[];
}

/** A check a page opted out of, with its reason (`<!-- commands-ignore rule: reason -->`). */
export interface Skipped extends Position {
  file: string;
  rule: string;
  reason: string;
}

export function defineCheck(check: Check): Check {
  return check;
}
