/**
 * npm run validate -- [paths...] [--format pretty|github|json|sarif] [--strict-reviews] [--no-cache]
 * Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage error.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from './engine/load.ts';
import { didYouMean } from './engine/suggest.ts';
import { parseShard } from './engine/shard.ts';
import { FORMATS, reporters, type Format } from './reporters/index.ts';
import { annotated } from './reporters/github.ts';
import { blobUrlFromEnv, summaryMarkdown } from './reporters/summary.ts';
import { validate } from './validate.ts';

const HELP = `Usage: npm run validate -- [paths...] [options]

Checks the handbook: frontmatter schemas, section contracts, internal links and anchors, runbook ids,
the service catalog, alert rules and their runbooks, the shell commands in code blocks, secrets and
Markdown style (remark-lint). With no paths, checks the whole docs/ tree (cross-references are
always resolved against the whole tree; only the given files are reported).

Options:
  --format <pretty|github|json|sarif>
                                 output format (default: pretty; github in GitHub Actions, which
                                 also writes every problem to the job summary)
  --strict-reviews               overdue reviews are errors, not warnings
  --no-cache                     parse and lint every file again (ignore .cache/validate/)
  --changed                      report only the docs changed against --base (committed, staged,
                                 unstaged, untracked) and the docs whose links, runbook ids or
                                 alerts point at what changed; says how many it did not report
  --base <ref>                   what --changed compares with (default: origin/main, else main)
  --staged                       like --changed, for the files staged for commit (pre-commit hook)
  --shard <k/n>                  report only shard k of n (files split by a hash of their path);
                                 merge the shards' reports with npm run validate:merge
  --threads <n>                  threads that parse and lint a cold tree: this one and n - 1
                                 workers (default: one per core; 1 is serial; small trees are
                                 always serial)
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
  changed: { type: 'boolean', default: false },
  base: { type: 'string' },
  staged: { type: 'boolean', default: false },
  shard: { type: 'string' },
  threads: { type: 'string' },
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

/** `origin/main` when the remote branch exists (CI, clones), else `main`. */
function defaultBase(root: string): string {
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', 'origin/main'], { cwd: root, stdio: 'ignore' });
    return 'origin/main';
  } catch {
    return 'main';
  }
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
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (values.shard !== undefined && !shard) usage(`--shard takes k/n with 1 <= k <= n, such as 2/4, not "${values.shard}"`);
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) usage(`--threads takes a whole number of at least 1, not "${values.threads}"`);
  if ((values.changed || values.staged) && positionals.length > 0) usage('--changed and --staged choose the files themselves; give no paths');
  if (values.base !== undefined && !values.changed) usage('--base goes with --changed');
  const changed = values.changed || values.staged ? { base: values.base ?? defaultBase(root), staged: values.staged } : undefined;
  let result;
  try {
    result = await validate(root, positionals, { strictReviews: values['strict-reviews'], now: new Date(), cache: !values['no-cache'], timings: values.timings, changed, shard, ...(threads ? { threads } : {}) });
  } catch (error) {
    if (error instanceof UsageError) usage(error.message);
    throw error;
  }
  process.stdout.write(reporters[format](result, { color: format === 'pretty' && process.stdout.isTTY === true }));
  // In GitHub Actions, the complete list goes to the job summary: annotations are capped.
  const summaryFile = process.env['GITHUB_STEP_SUMMARY'];
  if (format === 'github' && summaryFile) {
    appendFileSync(summaryFile, summaryMarkdown(result, { blobUrl: blobUrlFromEnv(), annotated: annotated(result.problems).length }));
  }
  if (result.timings) process.stderr.write(formatTimings(result.timings, result.elapsedMs));
  if (result.counts) process.stderr.write(Object.entries(result.counts).map(([name, n]) => `  ${name}: ${n}\n`).join(''));
  process.exitCode = result.problems.some((p) => p.severity === 'error') ? 1 : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(`validate: internal error (a bug, please report it): ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(3);
});
