import type { Reporter } from './types.ts';

const paint = (on: boolean, code: number, text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

/** For people at a terminal: `file:line:col  severity  message  rule`, then a summary line. */
export const pretty: Reporter = ({ files, problems, suppressed = {}, skipped, elapsedMs, notReported }, { color }) => {
  const lines: string[] = [];
  for (const p of problems) {
    const severity = p.severity === 'error' ? paint(color, 31, 'error  ') : paint(color, 33, 'warning');
    lines.push(`${paint(color, 4, `${p.file}:${p.line}:${p.column}`)}  ${severity}  ${p.message}  ${paint(color, 2, p.rule)}`);
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const seconds = (elapsedMs / 1000).toFixed(2);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (problems.length === 0) lines.push(paint(color, 32, `✔ ${plural(files, 'file')} checked, no problems (${seconds}s)`));
  else {
    if (lines.length > 0) lines.push('');
    const summary = `✖ ${plural(problems.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${plural(files, 'file')} (${seconds}s)`;
    lines.push(paint(color, errors > 0 ? 31 : 33, summary));
  }
  if (notReported && notReported.count > 0) lines.push(paint(color, 2, `${plural(notReported.count, 'file')} read but not reported (${notReported.reason})`));
  if (skipped?.length) {
    const silenced = Object.values(suppressed).reduce((a, b) => a + b, 0);
    const markers = new Set(skipped.map((s) => `${s.file}:${s.line}:${s.column}`)).size;
    const rules = [...new Set(skipped.map((s) => s.rule))].sort().join(', ');
    lines.push(
      paint(color, 2, `${plural(silenced, 'problem')} suppressed by ${plural(markers, 'validate-ignore marker')} (${rules}); --format json lists them with their reasons`),
    );
  }
  return `${lines.join('\n')}\n`;
};
