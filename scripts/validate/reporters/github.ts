import type { Reporter } from './types.ts';

// https://docs.github.com/actions/reference/workflow-commands-for-github-actions#setting-an-error-message
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands: one annotation per problem, shown on the PR diff. */
export const github: Reporter = ({ problems }) =>
  problems
    .map(
      (p) =>
        `::${p.severity === 'error' ? 'error' : 'warning'} file=${escapeProperty(p.file)},line=${p.line},col=${p.column},` +
        `title=${escapeProperty(p.rule)}::${escapeData(p.message)}\n`,
    )
    .join('');
