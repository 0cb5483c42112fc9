import type { Check, Location, Report, Skipped } from './check.ts';
import type { DocFile, Position, Problem, Project, Severity, SourceRef } from './types.ts';

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
  /** Problems silenced by disable comments, per check id (only checks that had some). */
  suppressed: Record<string, number>;
  /** Milliseconds each phase and each check took (`prepare` included), when asked for. */
  timings?: Record<string, number>;
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
 */
export function runChecks(project: Project, checks: readonly Check[], stats: RunStats = { suppressed: {} }): Problem[] {
  const problems: Problem[] = [];
  const perRule = new Map<string, { count: number; first: Problem }>();
  for (const check of checks) {
    const started = performance.now();
    const report: Report = Object.assign(
      (file: SourceRef, at: Location, message: string, options?: { severity?: Severity; rule?: string }) => {
        if (!project.targets.has(file.path)) return;
        const severity: Severity = options?.severity ?? check.severity;
        const rule = options?.rule ? `${check.id}:${options.rule}` : check.id;
        const key = `${file.path}\0${rule}`;
        const seen = perRule.get(key);
        if (seen && ++seen.count > MAX_PROBLEMS_PER_RULE) return;
        const problem = { file: file.path, ...resolve(file, at), rule, severity, message };
        if (!seen) perRule.set(key, { count: 1, first: problem });
        problems.push(problem);
      },
      {
        suppressed(file: SourceRef, count: number) {
          if (!project.targets.has(file.path) || count <= 0) return;
          stats.suppressed[check.id] = (stats.suppressed[check.id] ?? 0) + count;
        },
      },
    );
    const crashed = (file: DocFile | undefined, error: unknown) => {
      const where = file ?? project.files.find((f) => project.targets.has(f.path));
      if (!where) return;
      const detail = error instanceof Error ? error.stack ?? error.message : String(error);
      problems.push({
        file: where.path,
        line: 1,
        column: 1,
        rule: 'internal/check-crashed',
        severity: 'error',
        message: `check \`${check.id}\` crashed; this is a bug in the validator, please report it: ${detail.split('\n')[0]}`,
      });
    };
    if (check.checkFile) {
      for (const file of project.files) {
        if (!project.targets.has(file.path)) continue;
        try {
          check.checkFile(file, project, report);
        } catch (error) {
          crashed(file, error);
        }
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
  for (const { count, first } of perRule.values()) {
    if (count <= MAX_PROBLEMS_PER_RULE) continue;
    problems.push({ ...first, message: `…and ${count - MAX_PROBLEMS_PER_RULE} more \`${first.rule}\` problems in this file (only the first ${MAX_PROBLEMS_PER_RULE} are listed)` });
  }
  return problems.sort(compareProblems);
}

/**
 * Awaits every check's optional `prepare` (async set-up). A failing `prepare` is reported like a
 * crashed check; the check's synchronous part still runs.
 */
export async function prepareChecks(project: Project, checks: readonly Check[], stats?: RunStats): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const check of checks) {
    if (!check.prepare) continue;
    const started = performance.now();
    try {
      await check.prepare(project);
    } catch (error) {
      const where = project.files.find((f) => project.targets.has(f.path));
      if (!where) continue;
      const detail = error instanceof Error ? error.message : String(error);
      problems.push({ file: where.path, line: 1, column: 1, rule: 'internal/check-crashed', severity: 'error', message: `check \`${check.id}\` failed to prepare; this is a bug in the validator, please report it: ${detail}` });
    } finally {
      time(stats, check.id, started);
    }
  }
  return problems;
}

/** Every opt-out of this run (in reported files), sorted like problems. */
export function collectSkipped(project: Project, checks: readonly Check[]): Skipped[] {
  const out: Skipped[] = [];
  for (const check of checks) {
    try {
      out.push(...(check.skipped?.(project) ?? []).filter((s) => project.targets.has(s.file)));
    } catch {
      // Counting opt-outs never fails a run; the check itself reports its crash.
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : 1));
}
