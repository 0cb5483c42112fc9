import type { Problem } from '../engine/types.ts';
import type { Reporter, RunResult } from './types.ts';

// https://docs.github.com/actions/reference/workflow-commands-for-github-actions#setting-an-error-message
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * GitHub shows at most 10 error and 10 warning annotations of a step (and 50 of a job); the rest
 * are dropped without a word. Past these caps the complete list goes to the job summary
 * (`$GITHUB_STEP_SUMMARY`, see summary.ts).
 */
export const ANNOTATION_CAPS = { error: 10, warning: 10 } as const;

const annotation = (p: Problem) =>
  `::${p.severity === 'error' ? 'error' : 'warning'} file=${escapeProperty(p.file)},line=${p.line},col=${p.column},` +
  `title=${escapeProperty(p.rule)}::${escapeData(p.message)}\n`;

/** The problems GitHub will show as annotations: the first of each severity, up to its cap. */
export function annotated(problems: readonly Problem[]): Problem[] {
  const count = { error: 0, warning: 0 };
  return problems.filter((p) => ++count[p.severity] <= ANNOTATION_CAPS[p.severity]);
}

/** GitHub Actions workflow commands: annotations on the PR diff, up to the caps, then a notice. */
export const github: Reporter = ({ problems }: RunResult) => {
  const shown = annotated(problems);
  const hidden = problems.length - shown.length;
  const notice =
    hidden > 0
      ? `::notice title=${escapeProperty('validate')}::${escapeData(`${problems.length} problems; GitHub shows ${shown.length} as annotations. The complete list, grouped by file, is in the job summary.`)}\n`
      : '';
  return shown.map(annotation).join('') + notice;
};
