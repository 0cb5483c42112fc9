/**
 * npm run check:links -- [paths...] [--format pretty|github|json] [--offline] [--changed [--base <ref>]]
 * Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage or configuration error.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../validate/engine/load.ts';
import { didYouMean } from '../validate/engine/suggest.ts';
import { FORMATS, reporters, type Format } from '../validate/reporters/index.ts';
import { changedLines, defaultBase } from './changed.ts';
import { checkLinks } from './check.ts';
import { CONFIG_FILE, loadConfig } from './config.ts';

const HELP = `Usage: npm run check:links -- [paths...] [options]

Checks every external (http/https) link of the handbook: Markdown links, images, reference
definitions, autolinks, frontmatter values and the YAML data files under src/data/. Each unique
URL is probed once (markdown-link-check's prober), with bounded concurrency per host, retries and
a cache of recent results. With no paths, checks docs/ and src/data/.

Options:
  --format <pretty|github|json>  output format (default: pretty; github in GitHub Actions)
  --offline                      no network: malformed URLs and cached results only
  --changed                      only links on lines changed against the base (git diff)
  --base <ref>                   base for --changed (default: origin/main, else main)
  --config <file>                configuration (default: ${CONFIG_FILE})
  --no-cache                     neither read nor write the result cache
  --root <dir>                   repository root (default: current directory)
  -h, --help                     show this help

Exit status: 0 no errors, 1 errors found (dead or malformed links), 2 usage or configuration error.
Documented in docs/contributing/external-links.md.
`;

const OPTIONS = {
  format: { type: 'string' },
  offline: { type: 'boolean', default: false },
  changed: { type: 'boolean', default: false },
  base: { type: 'string' },
  config: { type: 'string' },
  'no-cache': { type: 'boolean', default: false },
  root: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function usage(message: string): never {
  process.stderr.write(`check:links: ${message}\n\n${HELP}`);
  process.exit(2);
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
  if (values.base !== undefined && !values.changed) usage('--base only makes sense with --changed.');
  const root = resolve(values.root ?? process.cwd());
  const color = format === 'pretty' && process.stdout.isTTY === true;

  const loaded = loadConfig(root, values.config ?? CONFIG_FILE);
  if (!loaded.config) {
    process.stdout.write(reporters[format]({ files: 1, problems: loaded.problems, elapsedMs: 0 }, { color }));
    process.exitCode = 2;
    return;
  }
  let result;
  try {
    const changed = values.changed ? changedLines(root, values.base ?? defaultBase(root)) : undefined;
    result = await checkLinks({
      root,
      paths: positionals,
      config: loaded.config,
      offline: values.offline,
      changed,
      cacheFile: values['no-cache'] ? null : undefined,
    });
  } catch (error) {
    if (error instanceof UsageError) usage(error.message);
    throw error;
  }
  const s = result.stats;
  process.stderr.write(
    `check:links: ${s.occurrences} link occurrences, ${s.unique} unique URLs: ${s.probed} probed (${s.requests} requests), ` +
      `${s.fromCache} from cache, ${s.ignored} ignored by ${CONFIG_FILE}` +
      (values.offline ? `, ${s.notChecked} not checked (offline, not in the cache)` : '') +
      '\n',
  );
  process.exitCode = result.problems.some((p) => p.severity === 'error') ? 1 : 0;
  // Probes that were cut short may leave sockets closing: once the answer is out, do not wait for them.
  if (s.probed >= 3 && s.dnsFailed === s.probed) {
    process.stderr.write('check:links: no host resolved at all; is this machine offline? Use --offline to check without the network.\n');
  }
  process.stdout.write(reporters[format](result, { color }), () => process.exit());
}

main().catch((error: unknown) => {
  process.stderr.write(`check:links: internal error (a bug, please report it): ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(3);
});
