import type { Reporter } from './types.ts';

/**
 * Stable machine format: `{"files": N, "problems": [{file, line, column, rule, messageId, severity, message}]}`
 * (`messageId`: the id of the message in the check's `messages`),
 * plus `"suppressed": N` (problems silenced by `validate-ignore` markers) only when N > 0,
 * `"skipped": [{file, line, column, rule, reason, suppressed}]` (each rule of each marker, with the
 * problems it silenced) only when there are markers, and `"notReported": {count, reason}` with
 * `--changed` or `--shard`.
 */
export const json: Reporter = ({ files, problems, suppressed = {}, skipped, notReported }) => {
  const silenced = Object.values(suppressed).reduce((a, b) => a + b, 0);
  return `${JSON.stringify({
    files,
    problems: problems.map(({ file, line, column, rule, messageId, severity, message }) => ({ file, line, column, rule, ...(messageId ? { messageId } : {}), severity, message })),
    ...(silenced > 0 ? { suppressed: silenced } : {}),
    ...(skipped?.length ? { skipped: skipped.map(({ file, line, column, rule, reason, suppressed: n }) => ({ file, line, column, rule, reason, suppressed: n })) } : {}),
    ...(notReported ? { notReported } : {}),
  }, null, 2)}\n`;
};
