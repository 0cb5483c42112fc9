import { formatMessage, hasLocalReports, type Check, type Location, type Report, type ReportOptions, type Skipped } from './check.ts';
import { effective, IGNORE_MARKERS, silencedBy, type IgnoreMarker } from './ignore.ts';
import { withHint } from './suggest.ts';
import { localCall, recordingInputsOf, type LocalCall, type LocalEntry, type LocalResults } from './local-results.ts';
import type { DocFile, Position, Problem, Project, Severity, SourceRef } from './types.ts';

/** The engine's own messages (rule `internal/check-crashed`): a bug in the validator, never in a doc. */
export const INTERNAL_MESSAGES = {
  crashed: 'check `{check}` crashed; this is a bug in the validator, please report it: {detail}',
  prepareFailed: 'check `{check}` failed to prepare; this is a bug in the validator, please report it: {detail}',
  truncated: '…and {count} more `{rule}` problems in this file (only the first {max} are listed)',
} as const;

function unclamped(file: SourceRef, at: Location): Position {
  if ('node' in at) {
    const start = at.node.position?.start;
    return start ? { line: start.line, column: start.column } : { line: 1, column: 1 };
  }
  if ('offset' in at) return file.lines.position(at.offset);
  return at;
}

/**
 * Where a problem is, never outside the file or past the end of its line (a library's off-by-one at
 * a lone CR at the end; an offset mapped past the end of an unclosed code block: found by fuzzing).
 */
function resolve(file: SourceRef, at: Location): Position {
  const p = unclamped(file, at);
  const line = Math.min(Math.max(1, Math.trunc(p.line) || 1), Math.max(1, file.lines.lineCount));
  let column = line === p.line ? Math.max(1, Math.trunc(p.column) || 1) : 1;
  const text = (file as { source?: unknown }).source;
  if (typeof text === 'string' && column > 1) {
    const start = file.lines.offset({ line, column: 1 });
    const eol = text.slice(start, start + column + 1).search(/\r|\n/);
    const length = eol >= 0 ? eol : Math.min(text.length - start, column);
    column = Math.min(column, length + 1);
  }
  return { line, column };
}

export function compareProblems(a: Problem, b: Problem): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/** Counts a run collects besides its problems. */
export interface RunStats {
  /** Problems `validate-ignore` markers silenced, per rule id (only rules that had some). */
  suppressed: Record<string, number>;
  /** Every rule of every effective `validate-ignore` marker in the reported files, sorted like problems. */
  skipped?: Skipped[];
  /** Milliseconds each phase and each check took (`prepare` included), when asked for. */
  timings?: Record<string, number>;
  /** With timings: how many docs came from the facts index, were parsed, etc. */
  counts?: Record<string, number>;
}

/** Adds the time since `started` to `key` when the run collects timings. */
export function time(stats: RunStats | undefined, key: string, started: number): void {
  if (stats?.timings) stats.timings[key] = (stats.timings[key] ?? 0) + performance.now() - started;
}

/**
 * At most this many problems of one rule in one file are listed; the rest are counted in one more
 * problem. A pathological file (50,000 unclosed links) must not bury every other report.
 */
export const MAX_PROBLEMS_PER_RULE = 100;

/**
 * Runs every check over the shared model. A check that throws does not stop the run: the crash is
 * reported as an `internal/check-crashed` problem (a bug to fix, with a test).
 *
 * With `local` (engine/local-results.ts), a local check's reports for a file come from the stored
 * entry of that file when there is one, replayed through the same `report`; otherwise they are
 * recorded while the check runs, and stored.
 */
export function runChecks(project: Project, checks: readonly Check[], stats: RunStats = { suppressed: {} }, local?: LocalResults): Problem[] {
  const problems: Problem[] = [];
  const indexed = performance.now();
  const silenced = ignoreIndex(project, stats);
  time(stats, '(validate-ignore markers)', indexed);
  const perRule = new Map<string, { count: number; first: Problem }>();
  const reported = new Set<string>();
  // The reported files, in project order: `--changed` reports 1 of 10,000.
  const targetFiles = project.files.filter((file) => project.targets.has(file.path));
  // Docs whose local checks replay stored reports, and docs whose reports are recorded this run.
  const stored = new Map<DocFile, LocalEntry>();
  const recorded = new Map<DocFile, LocalEntry['checks']>();
  if (local && checks.some(hasLocalReports)) {
    for (const file of targetFiles) {
      if (file.status !== 'ok') continue;
      const entry = local.get(file);
      if (entry) stored.set(file, entry);
      else recorded.set(file, {});
    }
  }
  for (const check of checks) {
    const started = performance.now();
    const report: Report = (file: SourceRef, at: Location, messageId: string, data?: Record<string, string | number>, options?: ReportOptions) => {
      if (!project.targets.has(file.path)) return false;
      const text = check.messages[messageId];
      if (text === undefined) throw new Error(`check \`${check.id}\` reported the undeclared message id \`${messageId}\``);
      const severity: Severity = options?.severity ?? check.severity;
      const rule = options?.rule ? `${check.id}:${options.rule}` : check.id;
      const message = withHint(formatMessage(text, data), options?.hint ?? '');
      const problem: Problem = { file: file.path, ...resolve(file, at), rule, messageId, severity, message };
      if (silenced(problem)) return false;
      // The same problem at the same place once (a selector variable expanded into two queries).
      const identity = `${problem.file}\0${problem.line}\0${problem.column}\0${rule}\0${message}`;
      if (reported.has(identity)) return true;
      reported.add(identity);
      // A pathological file (50,000 unclosed links) must not bury every other report.
      const key = `${file.path}\0${rule}`;
      const seen = perRule.get(key);
      if (seen && ++seen.count > MAX_PROBLEMS_PER_RULE) return true;
      if (!seen) perRule.set(key, { count: 1, first: problem });
      problems.push(problem);
      return true;
    };
    const crashed = (file: DocFile | undefined, error: unknown): string => {
      const detail = (error instanceof Error ? error.stack ?? error.message : String(error)).split('\n')[0]!;
      pushCrash(file, detail);
      return detail;
    };
    const pushCrash = (file: DocFile | undefined, detail: string) => {
      const where = file ?? project.files.find((f) => project.targets.has(f.path));
      if (!where) return;
      problems.push({
        file: where.path,
        line: 1,
        column: 1,
        rule: 'internal/check-crashed',
        messageId: 'crashed',
        severity: 'error',
        message: formatMessage(INTERNAL_MESSAGES.crashed, { check: check.id, detail }),
      });
    };
    if (check.checkFile) {
      for (const file of targetFiles) {
        const entry = check.local ? stored.get(file) : undefined;
        if (entry) {
          const replay = entry.checks[check.id] ?? [];
          for (const [line, column, id, data, options] of Array.isArray(replay) ? replay : replay.calls) report(file, { line, column }, id, data, options);
          if (!Array.isArray(replay)) pushCrash(file, replay.crash);
          continue;
        }
        const record = check.local ? recorded.get(file) : undefined;
        if (!record) {
          try {
            check.checkFile(file, project, report);
          } catch (error) {
            crashed(file, error);
          }
          continue;
        }
        const calls: LocalCall[] = [];
        let elsewhere = false;
        const recording: Report = (target, at, id, ...args: [Record<string, string | number>?, ReportOptions?]) => {
          // A report about another file cannot be replayed from this file's entry: not stored.
          if (target.path !== file.path) {
            elsewhere = true;
            return report(target, at, id, ...args);
          }
          const position = resolve(target, at);
          calls.push(localCall(position, id, ...args));
          return report(target, position, id, ...args);
        };
        try {
          recordingInputsOf(file, () => check.checkFile!(file, project, recording));
          record[check.id] = calls;
        } catch (error) {
          record[check.id] = { crash: crashed(file, error), calls };
        }
        if (elsewhere) recorded.delete(file);
      }
    }
    if (check.checkProject) {
      try {
        check.checkProject(project, report);
      } catch (error) {
        crashed(undefined, error);
      }
    }
    time(stats, check.id, started);
  }
  for (const [file, entry] of recorded) local?.set(file, entry);
  for (const { count, first } of perRule.values()) {
    if (count <= MAX_PROBLEMS_PER_RULE) continue;
    const data = { count: count - MAX_PROBLEMS_PER_RULE, rule: first.rule, max: MAX_PROBLEMS_PER_RULE };
    problems.push({ ...first, messageId: 'truncated', message: formatMessage(INTERNAL_MESSAGES.truncated, data) });
  }
  return problems.sort(compareProblems);
}

/**
 * The one suppression mechanism, for every check: `silence` drops a problem a `validate-ignore`
 * marker covers (at report time, so a check can tell), and every marker's rules are recorded with
 * their reasons and counts in `stats`.
 */
function ignoreIndex(project: Project, stats: RunStats): (problem: Problem) => boolean {
  const markers = new Map<string, { file: DocFile; found: IgnoreMarker[] }>();
  const entries = new Map<IgnoreMarker, Map<string, Skipped>>();
  for (const file of project.files) {
    if (!project.targets.has(file.path) || file.status !== 'ok') continue;
    const found = project.facts.of(IGNORE_MARKERS, file).filter(effective);
    if (found.length === 0) continue;
    markers.set(file.path, { file, found });
    for (const marker of found) {
      const position = file.lines.position(marker.offset);
      entries.set(marker, new Map(marker.rules.map((rule) => [rule, { file: file.path, ...position, rule, reason: marker.reason, suppressed: 0 }])));
    }
  }
  const skipped = [...entries.values()].flatMap((m) => [...m.values()]);
  if (skipped.length > 0) {
    stats.skipped = [...(stats.skipped ?? []), ...skipped].sort(
      (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : 1),
    );
  }
  return (problem) => {
    const where = markers.get(problem.file);
    const hit = where ? silencedBy(where.found, where.file, problem) : undefined;
    if (!hit) return false;
    entries.get(hit.marker)!.get(hit.rule)!.suppressed++;
    stats.suppressed[problem.rule] = (stats.suppressed[problem.rule] ?? 0) + 1;
    return true;
  };
}

/**
 * Awaits every check's optional `prepare` (async set-up). A failing `prepare` is reported like a
 * crashed check; the check's synchronous part still runs. With `local`, a local check prepares only
 * the docs whose reports are not stored (and every data file its `checkProject` reads).
 */
export async function prepareChecks(project: Project, checks: readonly Check[], stats?: RunStats, local?: LocalResults): Promise<Problem[]> {
  const problems: Problem[] = [];
  let fresh: Project | undefined;
  const view = (): Project => {
    if (fresh) return fresh;
    const docs = new Set(project.files.map((f) => f.path));
    const files = project.files.filter((f) => project.targets.has(f.path) && !local!.get(f));
    const targets = new Set([...files.map((f) => f.path), ...[...project.targets].filter((p) => !docs.has(p))]);
    return (fresh = Object.create(project, { files: { value: files }, targets: { value: targets } }) as Project);
  };
  for (const check of checks) {
    if (!check.prepare) continue;
    const started = performance.now();
    try {
      await check.prepare(local && check.local ? view() : project);
    } catch (error) {
      const where = project.files.find((f) => project.targets.has(f.path));
      if (!where) continue;
      const detail = error instanceof Error ? error.message : String(error);
      problems.push({ file: where.path, line: 1, column: 1, rule: 'internal/check-crashed', messageId: 'prepareFailed', severity: 'error', message: formatMessage(INTERNAL_MESSAGES.prepareFailed, { check: check.id, detail }) });
    } finally {
      time(stats, check.id, started);
    }
  }
  return problems;
}
