/**
 * The job summary of a GitHub Actions run (`$GITHUB_STEP_SUMMARY`, Markdown): every problem, grouped
 * by file, each linked to its line, so that none is lost past the annotation caps.
 */
import type { Problem } from '../engine/types.ts';
import type { RunResult } from './types.ts';

export interface SummaryContext {
  /** `https://github.com/<owner>/<repo>/blob/<sha>`, from GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_SHA. */
  blobUrl?: string;
  /** How many problems were also shown as annotations. */
  annotated: number;
}

/** `GITHUB_SERVER_URL/GITHUB_REPOSITORY/blob/GITHUB_SHA`, or undefined outside GitHub Actions. */
export function blobUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = env;
  return server && repo && sha ? `${server.replace(/\/+$/, '')}/${repo}/blob/${sha}` : undefined;
}

/** Text in a Markdown table cell: no pipes, no line breaks, no HTML. */
const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, ' ');
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function summaryMarkdown({ problems, files }: RunResult, { blobUrl, annotated }: SummaryContext): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const lines = [`## Handbook validation`, ''];
  if (problems.length === 0) return `${lines.join('\n')}✔ ${plural(files, 'file')} checked, no problems.\n`;
  lines.push(
    `✖ ${plural(problems.length, 'problem')} (${plural(errors, 'error')}, ${plural(problems.length - errors, 'warning')}) in ${plural(files, 'file')} checked.` +
      (annotated < problems.length ? ` GitHub shows ${annotated} of them as annotations; all are listed here.` : ''),
    '',
  );
  const byFile = new Map<string, Problem[]>();
  for (const p of problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  for (const [file, list] of byFile) {
    lines.push(`### \`${file}\` (${plural(list.length, 'problem')})`, '', '| Line | Severity | Rule | Message |', '| --- | --- | --- | --- |');
    for (const p of list) {
      const where = `${p.line}:${p.column}`;
      const link = blobUrl ? `[${where}](${blobUrl}/${file.split('/').map(encodeURIComponent).join('/')}#L${p.line})` : where;
      lines.push(`| ${link} | ${p.severity} | \`${p.rule}\` | ${cell(p.message)} |`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
