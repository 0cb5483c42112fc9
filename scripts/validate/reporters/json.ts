import type { Reporter } from './types.ts';

/**
 * Stable machine format: `{"files": N, "problems": [{file, line, column, rule, severity, message}]}`,
 * plus `"skipped": [{file, line, column, rule, reason}]` (checks opted out by markers) only when there are some.
 */
export const json: Reporter = ({ files, problems, skipped }) =>
  `${JSON.stringify({
    files,
    problems: problems.map(({ file, line, column, rule, severity, message }) => ({ file, line, column, rule, severity, message })),
    ...(skipped?.length ? { skipped: skipped.map(({ file, line, column, rule, reason }) => ({ file, line, column, rule, reason })) } : {}),
  }, null, 2)}\n`;
