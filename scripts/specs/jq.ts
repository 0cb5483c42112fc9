/**
 * jq's options from its own command-line parser (src/main.c at jq-1.7.1): the `main` loop tests
 * each argument with `isoption(argv[i], 'r', "raw-output", &short_opts)`, and an option that reads
 * the next argument(s) does so in its own branch (`argv[i+1]`, `i++`, `i += 2`). `-L` is tested
 * before the others (`argv[i][1] == 'L'`) and takes a directory, attached or next. Anything else
 * starting with `-` and a letter is "Unknown option", so the list is complete.
 *
 * Options may come anywhere: the first other word is the program (with `-f`, the program file),
 * the rest are input files (or, after `--args`/`--jsonargs`, positional values). The options of
 * the manual (docs/content/manual/v1.7/manual.yml, `* \`--indent n\`:`) are cross-checked against
 * the parser: the generator fails if the manual documents one the parser does not have.
 */
import type { GitSource } from './source.ts';
import { addOption, sortOptions, type GenNode, type GenOption } from './types.ts';

export const JQ_MAIN = 'src/main.c';
export const JQ_MANUAL = 'docs/content/manual/v1.7/manual.yml';

/** The options `main()` parses, in order, with whether each reads the following argument. */
export function jqOptions(main: string): GenOption[] {
  const loop = main.slice(main.indexOf('for (int i=1; i<argc; i++'));
  if (!loop) throw new Error(`${JQ_MAIN}: argument loop not found`);
  const list: GenOption[] = [];
  if (/argv\[i\]\[1\] == 'L'/.test(loop)) addOption(list, { name: ['-L'], args: { name: 'directory' } });
  // One branch per `if (isoption(…)`: `if (isoption(…, "rawfile", …) || isoption(…, "slurpfile", …))` is one.
  for (const branch of loop.split(/\n\s*if \(isoption\(/).slice(1)) {
    const head = branch.slice(0, branch.indexOf('{'));
    const takesValue = /argv\[i\s*\+\s*1\]|\bi\s*\+=\s*\d|\bi\+\+/.test(branch.slice(head.length));
    for (const m of `isoption(${head}`.matchAll(/isoption\(argv\[i\],\s*(0|'(.)'),\s*"([^"]+)",\s*&short_opts\)/g)) {
      const name = [`--${m[3]}`, ...(m[2] ? [`-${m[2]}`] : [])];
      addOption(list, takesValue ? { name, args: { name: 'value' } } : { name });
    }
  }
  if (list.length < 20) throw new Error(`${JQ_MAIN}: only ${list.length} options found`);
  return list;
}

/** The options the manual's option list documents (`* \`--seq\`:`, `* \`-f filename\` / \`--from-file filename\`:`), and whether the value is optional (`--run-tests [filename]`). */
export function jqManualOptions(manual: string): Array<{ name: string; optionalValue: boolean }> {
  const out: Array<{ name: string; optionalValue: boolean }> = [];
  for (const m of manual.matchAll(/^\s*\* (`-[^\n]*):\s*$/gm)) {
    for (const o of m[1]!.matchAll(/`(--?[\w-]+)( \[)?/g)) if (o[1] !== '--') out.push({ name: o[1]!, optionalValue: o[2] !== undefined });
  }
  return out;
}

export function jqTree(src: GitSource): { spec: GenNode; paths: string[] } {
  const options = jqOptions(src.read(JQ_MAIN));
  const known = new Set(options.flatMap((o) => o.name));
  const documented = jqManualOptions(src.read(JQ_MANUAL));
  const missing = documented.filter((d) => !known.has(d.name)).map((d) => d.name);
  if (missing.length) throw new Error(`documented in ${JQ_MANUAL} but not parsed by ${JQ_MAIN}: ${missing.join(', ')}`);
  // `--run-tests [filename]`: the parser reads what follows, if anything.
  for (const d of documented) {
    const o = options.find((x) => x.name.includes(d.name));
    if (d.optionalValue && o?.args) o.args = { ...o.args, isOptional: true };
  }
  return {
    spec: { name: ['jq'], options: sortOptions(options), args: { name: 'filter and files', isVariadic: true, isOptional: true }, complete: true },
    paths: [`${JQ_MAIN} (main: isoption)`, `${JQ_MANUAL} (options, cross-checked)`],
  };
}
