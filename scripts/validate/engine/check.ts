import type { Node as MdastNode } from 'mdast';
import type { DocFile, Position, Project, Severity, SourceRef } from './types.ts';

/** Where a problem is: a position, an mdast node, or an offset into the file's source. */
export type Location = Position | { node: MdastNode } | { offset: number };

/**
 * A check's messages, declared once as data (like ESLint's `meta.messages`): message id → text.
 * `{name}` in a text is filled from the data of the report (`report(file, at, 'unknownTag', { tag })`).
 */
export type Messages = Record<string, string>;

/** The `{name}` placeholders of a message text, as a union of names (`never` when it has none). */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer R}`
  ? (P extends `${string}{${infer Q}` ? Q : P) | Placeholders<R>
  : never;

export interface ReportOptions {
  severity?: Severity;
  /**
   * A sub-rule of a check that wraps a rule set (remark-lint): the problem's rule id is then
   * `<check id>:<rule>`, e.g. `remark-lint:heading-increment`.
   */
  rule?: string;
  /** A hint sentence appended to the message (` Did you mean \`x\`?`); empty adds nothing. */
  hint?: string;
}

/** The data a message needs (every placeholder, as text or a number), then the options. */
export type ReportArgs<S extends string> = string extends S
  ? [data?: Readonly<Record<string, string | number>>, options?: ReportOptions]
  : [Placeholders<S>] extends [never]
  ? [data?: Record<string, never>, options?: ReportOptions]
  : [data: Record<Placeholders<S>, string | number>, options?: ReportOptions];

export interface Report<M extends Messages = Messages> {
  /**
   * Reports a problem with one of the check's messages: TypeScript rejects an id the check does not
   * declare. Returns whether it is reported: false outside the reported files, or when a
   * `validate-ignore` marker silences it (for checks that report a thing once per page).
   */
  <K extends keyof M & string>(file: SourceRef, at: Location, messageId: K, ...args: ReportArgs<M[K]>): boolean;
}

/** Fills `{name}` placeholders of a message text; a name without data stays as written. */
export function formatMessage(text: string, data: Readonly<Record<string, string | number>> = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(data, name) ? String(data[name]) : whole));
}

/** A problem a bad example expects: `line:column` plus a fragment of the message. */
export interface ExpectedProblem<Id extends string = string> {
  at: `${number}:${number}`;
  message: string;
  /** For checks with sub-rules, the full rule id (`remark-lint:heading-increment`). */
  rule?: string;
  /** The message id the problem is reported with; asserted when given. */
  messageId?: Id;
}

interface ExampleBase {
  title: string;
  /** Path of the example file (default `docs/example.md`). */
  path?: string;
  source: string;
  files?: Record<string, string>;
}

/** An example the check accepts: no problems. */
export interface GoodExample extends ExampleBase {
  problems?: never;
}

/** An example the check rejects: the problems it reports, at least one, in report order. */
export interface BadExample<Id extends string = string> extends ExampleBase {
  problems: [ExpectedProblem<Id>, ...Array<ExpectedProblem<Id>>];
}

/**
 * A documented example, run as a test (like remark-lint's `ok.md` / `not-ok.md`) and rendered on
 * the check's docs page. `files` adds other files to the example's project.
 */
export type Example = GoodExample | BadExample;

/**
 * A check. `Check` without a type argument is any check (the registry, the runner): its message
 * ids are then plain strings.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a check of any messages; `Messages` would make M invariant
export interface Check<M extends Messages = any> {
  /** Rule id, `category/name`, as printed in reports. */
  id: string;
  /** One line: what the check finds. */
  description: string;
  severity: Severity;
  /** Every message the check reports, by id; listed on the check's docs page. */
  messages: M;
  docs: {
    /** Why the check exists: what goes wrong at 3 a.m. without it. */
    why: string;
    /** How to fix what it reports. */
    fix: string;
    good: GoodExample[];
    bad: Array<BadExample<keyof M & string>>;
  };
  /** Called once per file of the run. */
  checkFile?(file: DocFile, project: Project, report: Report<M>): void;
  /**
   * `checkFile` reads only the file it is given and the project's data (tags, catalog, platform,
   * alert rules, scripts, options), never another doc, and looks up repository files only through
   * engine/local-results.ts (`pathExists`, `readInput`). Its reports for an unchanged file are then
   * replayed from the cache instead of computed (engine/local-results.ts).
   */
  local?: boolean;
  /** Called once per run, for checks across files. */
  checkProject?(project: Project, report: Report<M>): void;
  /**
   * Optional asynchronous set-up, awaited once per run before any check runs (by validate.ts and
   * the example runner): for libraries with an async API (secretlint). Keep results in a cache the
   * synchronous `checkFile` reads; `checkFile` must still work (never crash) without it.
   */
  prepare?(project: Project): Promise<void>;
}

/**
 * One rule a `validate-ignore` marker silences, with its reason (`<!-- validate-ignore rule: reason -->`),
 * and how many problems it silenced in this run. The runner applies markers to every check.
 */
export interface Skipped extends Position {
  file: string;
  rule: string;
  reason: string;
  /** Problems of this rule the marker silenced (0 when the covered node had none). */
  suppressed: number;
}

/** Whether a check's per-file reports are stored and replayed (engine/local-results.ts): `local`, with a `checkFile`. */
export const hasLocalReports = (check: Check): boolean => check.local === true && check.checkFile !== undefined;

/** A check, with its message ids checked by TypeScript in `report` calls and examples. */
export function defineCheck<const M extends Messages>(check: Check<M>): Check<M> {
  return check;
}
