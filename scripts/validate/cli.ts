/**
 * npm run validate -- [paths...] [--format pretty|github|json] [--strict-reviews] [--no-cache]
 * Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage error.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from './engine/load.ts';
import { didYouMean } from './engine/suggest.ts';
import { FORMATS, reporters, type Format } from './reporters/index.ts';
import { validate } from './validate.ts';

const HELP = `Usage: npm run validate -- [paths...] [options]

Checks the handbook: frontmatter schemas, section contracts, internal links and anchors, runbook ids,
the service catalog, alert rules and their runbooks, the shell commands in code blocks, secrets and
Markdown style (remark-lint). With no paths, checks the whole docs/ tree (cross-references are
always resolved against the whole tree; only the given files are reported).

Options:
  --format <pretty|github|json>  output format (default: pretty; github in GitHub Actions)
  --strict-reviews               overdue reviews are errors, not warnings
  --no-cache                     parse and lint every file again (ignore .cache/validate/)
  --root <dir>                   repository root (default: current directory)
  --timings                      print how long each phase and check took (to stderr)
  -h, --help                     show this help

Exit status: 0 no errors, 1 errors found, 2 usage error.
Every check is documented in docs/contributing/checks/.
`;

const OPTIONS = {
  format: { type: 'string' },
  'strict-reviews': { type: 'boolean', default: false },
  'no-cache': { type: 'boolean', default: false },
  root: { type: 'string' },
  timings: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function usage(message: string): never {
  process.stderr.write(`validate: ${message}\n\n${HELP}`);
  process.exit(2);
}

/** Slowest first, so that the check to optimise is on top. */
function formatTimings(timings: Record<string, number>, totalMs: number): string {
  const rows = Object.entries(timings).sort((a, b) => b[1] - a[1]);
  const width = Math.max(...rows.map(([name]) => name.length), 5);
  const line = (name: string, ms: number) => `  ${name.padEnd(width)}  ${ms.toFixed(1).padStart(8)} ms\n`;
  return `\nTimings:\n${rows.map(([name, ms]) => line(name, ms)).join('')}${line('total', totalMs)}`;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args: process.argv.slice(2), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const flag = /'(--?[\w-]+)'/.exec(message)?.[1];
    const hint = flag ? didYouMean(flag.replace(/^-+/, ''), Object.keys(OPTIONS)).replace(/`(\w[\w-]*)`/, '`--$1`') : '';
    usage(`${message.split('\n')[0]}.${hint}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const defaultFormat: Format = process.env['GITHUB_ACTIONS'] === 'true' ? 'github' : 'pretty';
  const format = (values.format ?? defaultFormat) as Format;
  if (!FORMATS.includes(format)) usage(`unknown format "${values.format}"; use one of ${FORMATS.join(', ')}.${didYouMean(String(values.format), FORMATS)}`);
  const root = resolve(values.root ?? process.cwd());
  let result;
  try {
    result = await validate(root, positionals, { strictReviews: values['strict-reviews'], now: new Date(), cache: !values['no-cache'], timings: values.timings });
  } catch (error) {
    if (error instanceof UsageError) usage(error.message);
    throw error;
  }
  process.stdout.write(reporters[format](result, { color: format === 'pretty' && process.stdout.isTTY === true }));
  if (result.timings) process.stderr.write(formatTimings(result.timings, result.elapsedMs));
  process.exitCode = result.problems.some((p) => p.severity === 'error') ? 1 : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(`validate: internal error (a bug, please report it): ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(3);
});
