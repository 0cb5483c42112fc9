/**
 * node's options from a Node.js release binary's own option parser, not from prose: nodejs/node
 * (1.7 GB) is too large to fetch here, so doc/api/cli.md at the v20 tag cannot be read, and the
 * binary carries the authoritative table anyway.
 *
 * - `getCLIOptionsInfo()` of Node's own internal/options module (with `--expose-internals`) returns the
 *   table of src/node_options.cc that `node --help` is printed from: every option with its type
 *   (kBoolean, kString, kHostPort, kV8Option, …) and every alias (`-e` → `--eval`,
 *   `--print <arg>` → `-pe`, `--inspect=` → `--inspect-port --inspect`). kBoolean options also
 *   accept `--no-<name>` (the parser's negation); kNoOp options are accepted and ignored;
 *   the others take a value.
 * - Node hands every option it does not know to V8, and fails only if V8 does not know it either,
 *   so V8's flags (`node --v8-options`, with each flag's `type:`) are node's flags too: `bool` ones
 *   take no value (and have `--no-<name>`), the others a value.
 *
 * `node [options] [script.js | -e "script" | -] [arguments]`: options come before the script;
 * everything after it belongs to the script (`node dist/migrate.js down --to 42`), hence
 * `optionsMustPrecedeArguments`. Both lists are the parser's own, so the node is complete. Names
 * are also listed with `_` for every `-` after the leading `--` (`--max_old_space_size`), which
 * node accepts for every option; names that mix both (`--max-old_space-size`) are not listed.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadableSource } from './package-source.ts';
import type { SourceInfo } from './source.ts';
import { addOption, sortOptions, type GenNode, type GenOption } from './types.ts';

/** Node's OptionType enum (src/node_options.h), as `internalBinding('options').types` names it. */
const TYPES = ['kNoOp', 'kV8Option', 'kBoolean', 'kInteger', 'kUInteger', 'kString', 'kHostPort', 'kStringList'] as const;

export interface NodeOptionTable {
  /** name → type name (kBoolean …) */
  options: Record<string, string>;
  /** alias → expansion */
  aliases: Record<string, string[]>;
}

// Run by the node binary itself: `internal/*` are Node's own modules (visible with --expose-internals), not packages.
const DUMP = `
const { internalBinding } = require("internal/test/binding");
const names = Object.fromEntries(Object.entries(internalBinding('options').types).map(([k, v]) => [v, k]));
const info = require("internal/options").getCLIOptionsInfo();
const options = {};
for (const [name, o] of info.options) options[name] = names[o.type];
process.stdout.write(JSON.stringify({ options, aliases: Object.fromEntries(info.aliases) }));
`;

/** A Node.js binary as a source: its version, and the sha256 of the file (the binary records no commit). */
export class NodeBinary implements Pick<ReadableSource, 'info'> {
  readonly info: SourceInfo;
  constructor(
    readonly path: string,
    version: string,
  ) {
    const actual = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
    if (actual !== `v${version}`) throw new Error(`${path} is node ${actual}, expected v${version}`);
    const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
    // repo and ref: the release; commit: the binary's sha256, as `sha256:<hex>`.
    this.info = { repo: 'https://github.com/nodejs/node', ref: `v${version}`, commit: `sha256:${sha256}` };
  }

  table(): NodeOptionTable {
    return JSON.parse(execFileSync(this.path, ['--expose-internals', '--no-warnings', '-e', DUMP], { encoding: 'utf8' })) as NodeOptionTable;
  }

  v8Options(): string {
    return execFileSync(this.path, ['--v8-options'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  }
}

/** `  --max-old-space-size (…)\n        type: size_t  default: …` → name and whether it is bool. */
export function v8Flags(text: string): Array<{ name: string; bool: boolean }> {
  const out: Array<{ name: string; bool: boolean }> = [];
  for (const m of text.matchAll(/^ {2}(--[\w-]+) \([\s\S]*?\n\s+type: (\S+)/gm)) out.push({ name: m[1]!, bool: m[2] === 'bool' });
  return out;
}

export function nodeOptions(table: NodeOptionTable, v8: Array<{ name: string; bool: boolean }>): GenOption[] {
  const list: GenOption[] = [];
  const v8Bool = new Map(v8.map((f) => [f.name, f.bool]));
  const takes = (name: string): boolean | undefined => {
    const type = table.options[name];
    if (type === undefined) return undefined;
    if (type === 'kV8Option') return v8Bool.has(name) ? !v8Bool.get(name) : false;
    return !['kNoOp', 'kBoolean'].includes(type);
  };
  for (const [name, type] of Object.entries(table.options)) {
    // Entries such as `[has_eval_string]` are the parser's internal state, not options.
    if (!name.startsWith('-')) continue;
    if (!TYPES.includes(type as (typeof TYPES)[number])) throw new Error(`option ${name}: unknown type ${type}`);
    addOption(list, takes(name) ? { name: [name], args: { name: 'value' } } : { name: [name] });
    if (type === 'kBoolean' || (type === 'kV8Option' && v8Bool.get(name))) addOption(list, { name: [`--no-${name.slice(2)}`] });
  }
  for (const [key, expansion] of Object.entries(table.aliases)) {
    if (key.endsWith('=')) continue; // `--inspect=9229`: the option itself, with its value written inline.
    const withArg = / <arg>$/.exec(key);
    if (withArg) {
      // `--print <arg>` → `-pe`: `--print` followed by an argument reads it as the code.
      const base = key.slice(0, withArg.index);
      const o = list.find((x) => x.name.includes(base));
      if (o) o.args = { name: 'value' };
      continue;
    }
    // An alias takes a value when its expansion ends in an option that does (`-pe` → `--print --eval`).
    const last = expansion.at(-1)!;
    const value = last.startsWith('-') && (takes(last) ?? false);
    const target = expansion.length === 1 ? list.find((x) => x.name.includes(last)) : undefined;
    if (target) addOption(list, { name: [...target.name, key], ...(target.args ? { args: target.args } : {}) });
    else addOption(list, value ? { name: [key], args: { name: 'value' } } : { name: [key] });
  }
  // `-p` is `--print`, which now takes its code.
  for (const [key, expansion] of Object.entries(table.aliases)) {
    const target = expansion.length === 1 ? list.find((x) => x.name.includes(expansion[0]!)) : undefined;
    if (target?.args) for (const o of list) if (o.name.includes(key)) o.args = target.args;
  }
  for (const f of v8) {
    if (table.options[f.name]) continue;
    addOption(list, f.bool ? { name: [f.name] } : { name: [f.name], args: { name: 'value' } });
    if (f.bool) addOption(list, { name: [`--no-${f.name.slice(2)}`] });
  }
  // "All options, including V8 options, allow words to be separated by both dashes (-) and
  // underscores (_)" (cli.md; the parser turns `_` into `-`): `--max_old_space_size`.
  for (const o of list) for (const n of [...o.name]) if (/^--.*-/.test(n)) o.name.push(`--${n.slice(2).replace(/-/g, '_')}`);
  return list;
}

export function nodeTree(bin: NodeBinary, docs?: NodeDocs): { spec: GenNode; paths: string[] } {
  const table = bin.table();
  const v8 = v8Flags(bin.v8Options());
  if (Object.keys(table.options).length < 100 || v8.length < 100) throw new Error(`${bin.path}: too few options (${Object.keys(table.options).length} node, ${v8.length} V8)`);
  const options = nodeOptions(table, v8);
  if (docs) {
    // Every option the release's cli.md documents should be in the binary's table. The binary is
    // what runs: an option only the page has (v20.20.2's page documents --test-coverage-exclude,
    // added in v22.5.0, which v20.20.2 rejects as "bad option") is reported, not added.
    const known = new Set(options.flatMap((o) => o.name));
    const missing = [...new Set(cliMdOptions(docs.read(NODE_CLI_MD)).filter((n) => !known.has(n)))];
    if (missing.length > 5) throw new Error(`documented in ${NODE_CLI_MD} but not accepted by ${bin.path}: ${missing.join(', ')}`);
    if (missing.length) console.warn(`node: ${NODE_CLI_MD} documents ${missing.join(', ')}, which ${bin.path} (v${bin.info.ref.slice(1)}) rejects; left out`);
  }
  return {
    spec: {
      name: ['node'],
      options: sortOptions(options),
      args: { name: 'script and its arguments', isVariadic: true, isOptional: true },
      complete: true,
      parserDirectives: { optionsMustPrecedeArguments: true },
    },
    paths: [
      "node --expose-internals: internal/options getCLIOptionsInfo() (src/node_options.cc)",
      'node --v8-options',
      ...(docs ? [`${NODE_CLI_MD} (option headings, cross-checked; sha256 ${docs.info.commit.slice(7, 19)}…)`] : []),
    ],
  };
}

/**
 * The Markdown API docs of a Node.js release (doc/api/*.md), as its release packages install them
 * (/usr/share/doc/nodejs/api) or a clone's doc/api. The version is checked against the rendered
 * cli.html's title ("Node.js v20.20.2 Documentation") or, in a clone, the pinned tag. Paths are
 * given as in the repository (doc/api/cli.md); `commit` is a sha256 over the .md files.
 */
export class NodeDocs implements ReadableSource {
  readonly info: SourceInfo;
  private readonly api: string;
  constructor(dir: string, version: string) {
    this.api = existsSync(join(dir, 'api', 'cli.md')) ? join(dir, 'api') : join(dir, 'doc', 'api');
    if (!existsSync(join(this.api, 'cli.md'))) throw new Error(`${dir} has no api/cli.md or doc/api/cli.md`);
    const html = join(this.api, 'cli.html');
    const title = existsSync(html) ? /<title>[^<]*Node\.js (v[\d.]+) Documentation/.exec(readFileSync(html, 'utf8'))?.[1] : undefined;
    if (title !== `v${version}`) throw new Error(`${this.api} documents Node.js ${title ?? '(no cli.html title)'}, expected v${version}`);
    const hash = createHash('sha256');
    for (const f of this.list('doc/api')) hash.update(f).update(this.read(f));
    this.info = { repo: 'https://github.com/nodejs/node', ref: `v${version}`, commit: `sha256:${hash.digest('hex')}` };
  }

  list(dir: string): string[] {
    if (dir.replace(/\/$/, '') !== 'doc/api') return [];
    return readdirSync(this.api)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => `doc/api/${f}`);
  }

  read(path: string): string {
    return readFileSync(join(this.api, path.replace(/^doc\/api\//, '')), 'utf8');
  }

  has(path: string): boolean {
    return path.startsWith('doc/api/') && existsSync(join(this.api, path.slice(8)));
  }
}

export const NODE_CLI_MD = 'doc/api/cli.md';

/** The options cli.md's headings document (`### \`-C condition\`, \`--conditions=condition\``). */
export function cliMdOptions(md: string): string[] {
  const out: string[] = [];
  for (const h of md.matchAll(/^### (.*)$/gm)) for (const c of h[1]!.matchAll(/`(--?[a-zA-Z][\w.-]*[\w])/g)) out.push(c[1]!);
  return out;
}
