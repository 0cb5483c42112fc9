/**
 * redis-cli from its own source, src/redis-cli.c: `parseOptions()` is the parser every run goes
 * through, a chain of
 *
 *   } else if (!strcmp(argv[i],"--pattern") && !lastarg) {   → --pattern takes a value
 *   } else if (!strcmp(argv[i],"--raw")) {                   → --raw takes none
 *   } else if (!strcmp(argv[i],"-v") || !strcmp(argv[i], "--version")) {   → one option, two names
 *
 * `&& !lastarg` is the parser's "a value follows" test (it then reads `argv[++i]`). An option
 * written both ways (`-h` alone prints the usage, `-h host` sets the host) takes a value. The
 * first word that is not an option ends the options: it is the Redis command (`redis-cli -n 2 GET
 * key`), whose words are arguments of the server, not of redis-cli. So the node takes variadic
 * arguments, options must precede them, and every option the parser knows is listed: complete.
 * The usage text (`usage()`) is read to cross-check: an option it documents that the parser lacks
 * fails the generator.
 */
import type { GitSource } from './source.ts';
import { addOption, sortOptions, type GenNode, type GenOption } from './types.ts';

export const REDIS_CLI_C = 'src/redis-cli.c';

/** The body of a top-level C function `static <type> name(…) {…}` (up to the first `}` in column 0). */
export function cFunction(source: string, name: string): string {
  const start = new RegExp(`^static [\\w\\s*]+\\b${name}\\([^)]*\\)\\s*\\{`, 'm').exec(source);
  if (!start) throw new Error(`no function ${name}() found`);
  const end = source.indexOf('\n}', start.index);
  return source.slice(start.index, end < 0 ? undefined : end + 2);
}

/** The options `parseOptions()` recognises, with whether each takes a value. */
export function parseOptionsTable(body: string): GenOption[] {
  const options: GenOption[] = [];
  // Each branch of the if/else-if chain: its condition up to the `{` that opens the branch.
  for (const m of body.matchAll(/\bif\s*\(((?:[^{}]|\n)*?)\)\s*\{/g)) {
    const cond = m[1]!;
    const spellings = [...cond.matchAll(/strcmp\(\s*argv\[i\]\s*,\s*"(-[^"]+)"\s*\)/g)].map((s) => s[1]!);
    if (!spellings.length) continue;
    const value = /!\s*lastarg/.test(cond);
    addOption(options, value ? { name: spellings, args: { name: 'value' } } : { name: spellings });
  }
  // `-h` alone prints the usage, `-h host` sets the host: both branches are one option, with a value.
  return options;
}

/** Options named at the start of a line of the usage text (`"  --pipe-timeout <n> In --pipe mode…"`). */
export function usageOptions(body: string): string[] {
  return [...body.matchAll(/^"\s{2}(-{1,2}[\w-]+)/gm)].map((m) => m[1]!);
}

/** `minOptions`: a sanity bound (7.4.1 has 94); tests pass a small file. */
export function redisCliTree(src: GitSource, minOptions = 40): { spec: GenNode; paths: string[] } {
  const source = src.read(REDIS_CLI_C);
  const options = parseOptionsTable(cFunction(source, 'parseOptions'));
  if (options.length < minOptions) throw new Error(`${REDIS_CLI_C}: only ${options.length} options found in parseOptions()`);
  const known = new Set(options.flatMap((o) => o.name));
  const undocumented = usageOptions(cFunction(source, 'usage')).filter((n) => !known.has(n));
  if (undocumented.length) throw new Error(`${REDIS_CLI_C}: usage() lists ${undocumented.join(', ')}, which parseOptions() does not parse`);
  return {
    spec: {
      name: ['redis-cli'],
      options: sortOptions(options),
      // The Redis command and its arguments: `redis-cli [OPTIONS] [cmd [arg [arg ...]]]`.
      args: { name: 'command', isVariadic: true, isOptional: true },
      parserDirectives: { optionsMustPrecedeArguments: true },
      complete: true,
    },
    paths: [`${REDIS_CLI_C} (parseOptions, usage)`],
  };
}

