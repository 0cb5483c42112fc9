/**
 * npm's command tree from its own source, as published (the npm@11 package: lib/ and its bundled
 * @npmcli/config, the same files as the npm/cli repository's lib/ and workspaces/config/ at the tag):
 *
 * - commands and their aliases: lib/utils/cmd-list.js (`commands`, `aliases`; `i` → install, and
 *   the typos npm accepts on purpose, `isntall`);
 * - flags: every config definition of @npmcli/config (lib/definitions/definitions.js,
 *   `new Definition('save-dev', { type: Boolean, short: 'D' })`) is accepted by every command (npm
 *   parses the whole command line with nopt against all of them), so they are persistent flags of
 *   the root; the shorthands of lib/definitions/index.js (`--ws`, `-dd`, `--reg`) too. A type
 *   with Boolean and nothing else takes no value (and has `--no-<name>`); Boolean with another type
 *   (`[null, Boolean, String]`) an optional one; any other type a value;
 * - subcommands: the first words of a command's `static usage` lines (`cache`: `add <spec>`,
 *   `clean [<key>]`), with the other `case` labels of the same branch of its `exec` switch as
 *   aliases (`case 'rm': case 'clear': case 'clean':`). Where `exec` rejects any other first word
 *   (`default: throw this.usageError()`), an unknown word is a wrong subcommand; elsewhere
 *   (`npm dist-tag <pkg>` lists the tags) the command also takes arguments;
 * - commands with `static subcommands` (trust, stage) have one file per subcommand, whose
 *   `static definitions` are its own flags (and `alias: ['repo']` their other names).
 *
 * Unknown flags are warned about by npm ("Unknown cli config … will stop working in the next major
 * version"), so every list is complete. Not modelled: npm's unique-prefix abbreviations of commands
 * and flags (`npm inst`, `--reg`istry beyond the listed shorthands), per-registry settings passed
 * as flags (`--@scope:registry=…`, `--//host/:_authToken=…`).
 */
import type { ReadableSource } from './package-source.ts';
import { addOption, sortOptions, type GenNode, type GenOption } from './types.ts';

export const NPM_CMD_LIST = 'lib/utils/cmd-list.js';
export const NPM_COMMANDS = 'lib/commands';
/** In the published package; in the npm/cli repository it is workspaces/config/lib/definitions. */
export const NPM_DEFINITIONS = ['node_modules/@npmcli/config/lib/definitions', 'workspaces/config/lib/definitions'];

/** Skips a string, template or comment starting at `i`; returns the index after it, or -1 when `i` starts none. */
function skipLiteral(js: string, i: number): number {
  const c = js[i];
  if (c === '/' && js[i + 1] === '/') return js.indexOf('\n', i) < 0 ? js.length : js.indexOf('\n', i);
  if (c === '/' && js[i + 1] === '*') return js.indexOf('*/', i + 2) + 2;
  if (c !== "'" && c !== '"' && c !== '`') return -1;
  for (let k = i + 1; k < js.length; k++) {
    if (js[k] === '\\') k++;
    else if (js[k] === c) return k + 1;
  }
  return js.length;
}

/** The text of the bracketed expression opening at `open` (`{`, `[` or `(`), brackets included. */
export function balanced(js: string, open: number): string {
  let depth = 0;
  for (let i = open; i < js.length; i++) {
    const skip = skipLiteral(js, i);
    if (skip >= 0) {
      i = skip - 1;
      continue;
    }
    if ('{[('.includes(js[i]!)) depth++;
    else if ('}])'.includes(js[i]!) && --depth === 0) return js.slice(open, i + 1);
  }
  throw new Error(`unbalanced bracket at ${open}`);
}

/** The top-level `key: value` fields of an object literal's text (`{ type: [null, String], short: 'D' }`). */
export function fields(object: string): Map<string, string> {
  const out = new Map<string, string>();
  const body = object.slice(1, -1);
  let depth = 0;
  let start = 0;
  const parts: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const skip = skipLiteral(body, i);
    if (skip >= 0) {
      i = skip - 1;
      continue;
    }
    if ('{[('.includes(body[i]!)) depth++;
    else if ('}])'.includes(body[i]!)) depth--;
    else if (body[i] === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  for (const part of parts) {
    const m = /^\s*(?:\/\/[^\n]*\n\s*)*['"]?([\w-]+)['"]?\s*:\s*([\s\S]*?)\s*$/.exec(part);
    if (m) out.set(m[1]!, m[2]!);
  }
  return out;
}

const strings = (text: string | undefined): string[] => [...(text ?? '').matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2]!);

export interface NpmDefinition {
  key: string;
  type: string;
  short: string[];
  alias: string[];
}

/** Every `new Definition('key', { … })` of a file. */
export function npmDefinitions(js: string): Map<string, NpmDefinition> {
  const out = new Map<string, NpmDefinition>();
  for (const m of js.matchAll(/new Definition\(\s*'([^']+)'\s*,\s*/g)) {
    const f = fields(balanced(js, m.index! + m[0].length));
    if (!f.has('type')) throw new Error(`definition ${m[1]} has no type`);
    out.set(m[1]!, { key: m[1]!, type: f.get('type')!, short: strings(f.get('short')), alias: strings(f.get('alias')) });
  }
  return out;
}

/** What nopt makes of a type: no value (Boolean alone), an optional one (Boolean or something else), or a value. */
export function valueOf(type: string): 'none' | 'optional' | 'required' {
  const hasBoolean = /\bBoolean\b/.test(type);
  const others = type.replace(/^\[|\]$/g, '').split(',').map((t) => t.trim()).filter((t) => t && t !== 'null' && t !== 'Boolean');
  if (hasBoolean) return others.length ? 'optional' : 'none';
  return 'required';
}

export function definitionOptions(def: NpmDefinition, persistent: boolean): GenOption[] {
  const value = valueOf(def.type);
  const name = [`--${def.key}`, ...def.alias.map((a) => `--${a}`), ...def.short.map((s) => `-${s}`)];
  const out: GenOption[] = [{ name, ...(value === 'none' ? {} : { args: { name: 'value', ...(value === 'optional' ? { isOptional: true } : {}) } }), ...(persistent ? { isPersistent: true } : {}) }];
  // `--no-save`; `--no-proxy` (its type allows `false`).
  if (/\bBoolean\b|\bfalse\b/.test(def.type)) out.push({ name: [`--no-${def.key}`], ...(persistent ? { isPersistent: true } : {}) });
  return out;
}

/** `const shorthands = { 'enjoy-by': ['--before'], d: ['--loglevel', 'info'], … }` of lib/definitions/index.js. */
export function npmShorthands(js: string): Map<string, string[]> {
  const at = /const shorthands = \{/.exec(js);
  if (!at) throw new Error('no `const shorthands` in the definitions index');
  const out = new Map<string, string[]>();
  for (const [k, v] of fields(balanced(js, at.index + at[0].length - 1))) if (v.startsWith('[')) out.set(k, strings(v));
  return out;
}

/** `commands` and `aliases` of lib/utils/cmd-list.js. */
export function npmCommandList(js: string): { commands: string[]; aliases: Map<string, string> } {
  const c = /const commands = \[/.exec(js);
  const a = /const aliases = \{/.exec(js);
  if (!c || !a) throw new Error(`${NPM_CMD_LIST}: no commands or aliases`);
  const commands = strings(balanced(js, c.index + c[0].length - 1));
  const aliases = new Map([...fields(balanced(js, a.index + a[0].length - 1))].map(([k, v]) => [k, strings(v)[0]!]));
  return { commands, aliases };
}

/** The text of a class's `static <name> = …` value, or undefined. */
function staticValue(js: string, name: string): string | undefined {
  const m = new RegExp(`static ${name} = `).exec(js);
  if (!m) return undefined;
  const at = m.index + m[0].length;
  return '[{('.includes(js[at]!) ? balanced(js, at) : js.slice(at, js.indexOf('\n', at));
}

/** The body of `async exec (…) {…}`. */
function execBody(js: string): string {
  const m = /\n\s+async exec\s*\([^)]*\)\s*\{/.exec(js);
  return m ? balanced(js, m.index + m[0].length - 1) : '';
}

/** Groups of names that share one branch: consecutive `case 'x':` labels, and `['a', 'b'].includes(…)`. */
export function branchGroups(js: string): string[][] {
  const groups: string[][] = [];
  for (const m of js.matchAll(/(?:case\s+'[^']+'\s*:\s*)+/g)) groups.push(strings(m[0]));
  for (const m of js.matchAll(/\[((?:\s*'[^']+'\s*,?)+)\]\.includes\(/g)) groups.push(strings(m[1]));
  return groups;
}

export interface NpmSources {
  read(path: string): string;
  has(path: string): boolean;
}

/** A command's node: its subcommands (from usage and exec), or its per-subcommand files. */
function commandNode(src: NpmSources, name: string, aliases: string[], globals: Map<string, NpmDefinition>, trust: Map<string, NpmDefinition>, paths: Set<string>): GenNode {
  const file = src.has(`${NPM_COMMANDS}/${name}.js`) ? `${NPM_COMMANDS}/${name}.js` : `${NPM_COMMANDS}/${name}/index.js`;
  const js = src.read(file);
  paths.add(`${NPM_COMMANDS}/*.js`);
  const node: GenNode = { name: [name, ...aliases], options: [], complete: true };
  const subFiles = staticValue(js, 'subcommands');
  if (subFiles?.startsWith('{')) {
    // trust, stage: `static subcommands = { github: require('./github.js') }`, each with its own flags.
    node.subcommands = [];
    for (const [sub, value] of fields(subFiles)) {
      const rel = /require\('\.\/([^']+)'\)/.exec(value)?.[1];
      if (!rel) throw new Error(`${file}: subcommand ${sub} is not a require('./…')`);
      const subJs = src.read(`${NPM_COMMANDS}/${name}/${rel}`);
      paths.add(`${NPM_COMMANDS}/*/*.js (static definitions)`);
      const options: GenOption[] = [];
      const defs = staticValue(subJs, 'definitions');
      if (defs) {
        const own = npmDefinitions(defs);
        for (const d of own.values()) for (const o of definitionOptions(d, false)) addOption(options, o);
        for (const ref of defs.matchAll(/\b(trustDefinitions|globalDefinitions)(?:\['([^']+)'\]|\.([\w]+))/g)) {
          const key = ref[2] ?? ref[3]!;
          const d = (ref[1] === 'trustDefinitions' ? trust : globals).get(key);
          if (!d) throw new Error(`${name} ${sub}: unknown definition ${ref[0]}`);
          for (const o of definitionOptions(d, false)) addOption(options, o);
        }
      }
      const positionals = Number(/static positionals = (\d+)/.exec(subJs)?.[1] ?? '1');
      node.subcommands.push({ name: [sub], options: sortOptions(options), ...(positionals > 0 ? { args: { name: 'args', isVariadic: true, isOptional: true } } : {}), complete: true });
    }
    return node;
  }
  // A usage computed at run time (doctor's, a template literal) names no subcommands.
  const usageText = staticValue(js, 'usage');
  const usage = usageText?.includes('`') ? [] : strings(usageText);
  const words = [...new Set(usage.map((u) => /^([a-z][a-z0-9-]*)(?:\s|$)/.exec(u)?.[1]).filter((w): w is string => !!w))];
  if (!words.length) {
    node.args = { name: 'args', isVariadic: true, isOptional: true };
    return node;
  }
  const exec = execBody(js);
  const groups = branchGroups(exec);
  node.subcommands = words.map((w) => ({
    name: [w, ...new Set(groups.filter((g) => g.includes(w)).flat().filter((x) => x !== w))],
    options: [],
    args: { name: 'args', isVariadic: true, isOptional: true },
    complete: true,
  }));
  // Does exec reject other first words? `default: throw this.usageError()` (or `throw new Error('Unknown …')`), or "… is not a valid … command".
  if (!/default:\s*(?:\/\/[^\n]*\s*)*throw (?:this\.usageError|new Error)|is not a valid \w+ command/.test(exec)) node.args = { name: 'args', isVariadic: true, isOptional: true };
  return node;
}

export function npmTree(src: ReadableSource): { spec: GenNode; paths: string[] } {
  const dir = NPM_DEFINITIONS.find((d) => src.has(`${d}/definitions.js`));
  if (!dir) throw new Error(`no config definitions in ${NPM_DEFINITIONS.join(' or ')}`);
  const paths = new Set([NPM_CMD_LIST, `${dir}/definitions.js`, `${dir}/index.js (shorthands)`]);
  const globals = npmDefinitions(src.read(`${dir}/definitions.js`));
  if (globals.size < 100) throw new Error(`${dir}/definitions.js: only ${globals.size} definitions`);
  const trust = src.has('lib/trust-cmd.js') ? npmDefinitions(src.read('lib/trust-cmd.js')) : new Map<string, NpmDefinition>();
  if (trust.size) paths.add('lib/trust-cmd.js (trustDefinitions)');

  const options: GenOption[] = [];
  for (const d of globals.values()) for (const o of definitionOptions(d, true)) addOption(options, o);
  const byName = (n: string) => options.find((o) => o.name.includes(n));
  for (const [short, expansion] of npmShorthands(src.read(`${dir}/index.js`))) {
    const name = short.length === 1 ? `-${short}` : `--${short}`;
    if (byName(name)) continue;
    // `--reg` is `--registry` (takes its value); `-dd` is `--loglevel verbose` (complete in itself).
    const target = expansion.length === 1 ? byName(expansion[0]!) : undefined;
    addOption(options, { name: [name], ...(target?.args ? { args: target.args } : {}), isPersistent: true });
  }

  const { commands, aliases } = npmCommandList(src.read(NPM_CMD_LIST));
  const aliasesOf = (c: string) => [...aliases].filter(([, target]) => target === c).map(([a]) => a);
  const subcommands = commands.map((c) => commandNode(src, c, aliasesOf(c), globals, trust, paths));
  return { spec: { name: ['npm'], options: sortOptions(options), subcommands, complete: true }, paths: [...paths] };
}
