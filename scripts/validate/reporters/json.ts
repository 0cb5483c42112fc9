import type { Reporter } from './types.ts';

/** Stable machine format: `{"files": N, "problems": [{file, line, column, rule, severity, message}]}`. */
export const json: Reporter = ({ files, problems }) =>
  `${JSON.stringify({
    files,
    problems: problems.map(({ file, line, column, rule, severity, message }) => ({ file, line, column, rule, severity, message })),
  }, null, 2)}\n`;
