/**
 * Terraform's command tree from its Go source (github.com/hashicorp/terraform), read as text:
 *
 * - the commands are the keys of the `Commands` map in commands.go (`"state rm": func() … { return
 *   &command.StateRmCommand{…} }`); a space in a key is a subcommand. The experimental commands added
 *   only when `meta.AllowExperimentalFeatures` is set (alpha builds) are left out;
 * - each command's flags are those its `Run(args []string)` method defines on a `flag.FlagSet`
 *   (`cmdFlags.BoolVar(&x, "auto-approve", …)`), including the flags of the function that made the
 *   flag set (`c.Meta.extendedFlagSet("import")`, `extendedFlagSet("plan", plan.State, …)` in the
 *   arguments package, whose `if state != nil {…}` blocks count only when that argument is not `nil`),
 *   of the parse functions handed the raw arguments (`arguments.ParseApply(rawArgs)`), and the words
 *   those compare arguments with (`case "-no-color":` in `arguments.ParseView`, `c.Meta.process`);
 *   `Bool…` flags take no value;
 * - the result is checked against each command's `Help()` text: generation fails if a flag it
 *   documents was not found;
 * - the global options are main.go's (`-chdir=DIR`, `-v`/`-version`/`--version`, the autocomplete
 *   installers) and mitchellh/cli's help flags (`-h`, `-help`, `--help`, accepted after any command).
 *
 * Terraform parses flags with Go's `flag` package: one dash for long names (`-var-file=x`), two
 * accepted too, no combined short flags. The spec says so with `parserDirectives.goFlags`.
 */
import { callArgs, closing, readGo, resolveCall, stringValue, type GoFn, type GoPackages } from './go-source.ts';
import type { GitSource } from './source.ts';
import { addOption, sortOptions, type GenNode, type GenOption } from './types.ts';

const MODULE = 'github.com/hashicorp/terraform';
export const TERRAFORM_PATHS = ['commands.go', 'main.go', 'internal/command/*.go', 'internal/command/arguments/*.go'];

// Go's flag package: Bool… and BoolFunc take no value; the others (Var, String, Int, Duration, Func, TextVar …) one.
const GO_FLAG = /^(Bool|BoolFunc|String|Int|Int64|Uint|Uint64|Float64|Duration|Func|Text|Var)(Var)?$/;

interface Found {
  options: GenOption[];
  unresolved: string[];
  positional: boolean;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `body` without the `if p != nil {…}` blocks whose `p` is bound to nil. */
function withoutNilBlocks(body: string, nils: Set<string>): string {
  let out = body;
  for (const m of body.matchAll(/\bif\s+(\w+)\s*!=\s*nil\s*\{/g)) {
    if (!nils.has(m[1]!)) continue;
    const open = m.index + m[0].length - 1;
    const end = closing(body, open);
    out = out.slice(0, open + 1) + out.slice(open + 1, end).replace(/[^\n]/g, ' ') + out.slice(end);
  }
  return out;
}

export function terraformTree(src: GitSource): { spec: GenNode; paths: string[] } {
  const pkgs: GoPackages = readGo(src, ['internal/command'], MODULE);
  // Only the two packages' own files (readGo lists recursively: internal/command/views … are not flag code).
  const inScope = (f: GoFn) => f.dir === 'internal/command' || f.dir === 'internal/command/arguments';

  /**
   * The flags a function defines. `sets` are its variables holding flag sets, `raw` those holding the
   * raw arguments; `nils` the parameters bound to nil.
   */
  const flagsIn = (fn: GoFn, sets: Set<string>, raw: Set<string>, nils: Set<string>, depth = 0): Found => {
    const out: Found = { options: [], unresolved: [], positional: false };
    if (depth > 6) return out;
    const body = withoutNilBlocks(fn.body, nils);
    const env = new Map<string, string>();
    // Flag sets made here: `cmdFlags := c.Meta.defaultFlagSet("fmt")`, `f := flag.NewFlagSet(…)`, and what the maker adds.
    for (const m of body.matchAll(/(\w+)\s*:?=\s*((?:\w+\.)*)(\w+)\(/g)) {
      const [, v, qualDot, name] = m;
      if (name === 'NewFlagSet' && qualDot === 'flag.') {
        sets.add(v!);
        continue;
      }
      const qual = qualDot!.replace(/\.$/, '');
      const targets = resolveCall(pkgs, fn, qual, name!).filter((t) => inScope(t) && t.results === '*flag.FlagSet');
      const args = callArgs(body, m.index + m[0].length - 1);
      for (const t of targets) {
        sets.add(v!);
        const innerNils = new Set(t.params.filter((_, i) => args[i] === 'nil'));
        const ret = /\breturn\s+(\w+)\s*$/m.exec(t.body)?.[1];
        const inner = flagsIn(t, new Set(ret ? [ret] : []), new Set(), innerNils, depth + 1);
        for (const o of inner.options) addOption(out.options, o);
        out.unresolved.push(...inner.unresolved);
      }
    }
    for (const s of sets) {
      for (const m of body.matchAll(new RegExp(`\\b${esc(s)}\\.(\\w+)\\(`, 'g'))) {
        const method = m[1]!;
        const args = callArgs(body, m.index + m[0].length - 1);
        if (method === 'Args' || method === 'Arg' || method === 'NArg') out.positional = true;
        const kind = GO_FLAG.exec(method);
        if (!kind) continue;
        const nameAt = kind[2] || method === 'Var' || method === 'TextVar' ? 1 : 0;
        const name = stringValue(pkgs, fn, env, args[nameAt]);
        if (name === undefined) {
          out.unresolved.push(`flag named ${args[nameAt]}`);
          continue;
        }
        addOption(out.options, /^Bool/.test(kind[1]!) ? { name: [`-${name}`] } : { name: [`-${name}`], args: { name: kind[1]!.toLowerCase() } });
      }
    }
    // Functions handed the raw arguments (parsers: arguments.ParseApply, ParseView, Meta.process) or a flag set.
    for (const m of body.matchAll(/(?<![\w.])((?:\w+\.)*)(\w+)\(/g)) {
      const qual = m[1]!.replace(/\.$/, '');
      const name = m[2]!;
      if (sets.has(qual)) continue;
      const args = callArgs(body, m.index + m[0].length - 1);
      const rawAt = args.findIndex((a) => raw.has(a));
      const setAt = args.findIndex((a) => sets.has(a));
      if (rawAt < 0 && setAt < 0) continue;
      const targets = resolveCall(pkgs, fn, qual, name).filter(inScope);
      if (targets.length === 0) {
        if (setAt >= 0) out.unresolved.push(`${qual ? `${qual}.` : ''}${name}(…)`);
        continue;
      }
      for (const t of targets) {
        const innerRaw = rawAt >= 0 && t.params[rawAt] ? new Set([t.params[rawAt]!]) : new Set<string>();
        const innerSets = setAt >= 0 && t.params[setAt] ? new Set([t.params[setAt]!]) : new Set<string>();
        const inner = flagsIn(t, innerSets, innerRaw, new Set(t.params.filter((_, i) => args[i] === 'nil')), depth + 1);
        for (const o of inner.options) addOption(out.options, o);
        out.unresolved.push(...inner.unresolved);
        if (inner.positional) out.positional = true;
      }
    }
    // Arguments compared by hand (`case "-no-color":`, `v == "-no-color"`) in a function reading the raw arguments.
    if (raw.size && depth > 0) {
      for (const m of body.matchAll(/\bcase\s+((?:"-[\w-]+"\s*,?\s*)+):/g)) for (const w of m[1]!.matchAll(/"(-[\w-]+)"/g)) addOption(out.options, { name: [w[1]!] });
      for (const m of body.matchAll(/==\s*"(-[\w-]+)"/g)) addOption(out.options, { name: [m[1]!] });
    }
    return out;
  };

  const commandsGo = src.read('commands.go');
  const mapStart = /Commands\s*=\s*map\[string\]cli\.CommandFactory\{/.exec(commandsGo);
  if (!mapStart) throw new Error('commands.go: the Commands map was not found');
  const map = commandsGo.slice(mapStart.index, closing(commandsGo, mapStart.index + mapStart[0].length - 1));
  const root: GenNode = { name: ['terraform'], options: [], subcommands: [], complete: true, parserDirectives: { flagsArePosixNoncompliant: true, goFlags: true } };
  const entries = [...map.matchAll(/^\t\t"([\w -]+)":\s*func\(\)\s*\(cli\.Command,\s*error\)\s*\{\s*return\s+&command\.(\w+)\{/gm)].map((m) => ({ path: m[1]!.split(' '), type: m[2]! }));
  if (entries.length === 0) throw new Error('commands.go: no commands found in the Commands map');
  entries.sort((a, b) => a.path.length - b.path.length);
  for (const { path, type } of entries) {
    let parent = root;
    for (const part of path.slice(0, -1)) {
      const next = parent.subcommands?.find((s) => s.name[0] === part);
      if (!next) throw new Error(`commands.go: "${path.join(' ')}" has no parent command`);
      parent = next;
    }
    const run = pkgs.byDir.get('internal/command')?.get('Run')?.find((f) => f.recv === type);
    const node: GenNode = { name: [path.at(-1)!], options: [], complete: true };
    if (!run) {
      node.complete = false;
      node.gap = `${type}.Run is not in internal/command`;
    } else {
      const found = flagsIn(run, new Set(), new Set(run.params.slice(0, 1)), new Set());
      node.options = sortOptions(found.options);
      if (found.unresolved.length) {
        node.complete = false;
        node.gap = `flags added by ${[...new Set(found.unresolved)].join(', ')} are not in the generated list`;
      }
      if (found.positional) node.args = { name: 'args', isVariadic: true, isOptional: true };
      // Cross-check with the command's own help text (`Help()`'s indented `-flag` lines): nothing it documents may be missing.
      const help = pkgs.byDir.get('internal/command')?.get('Help')?.find((f) => f.recv === type);
      const have = new Set(node.options.flatMap((o) => o.name));
      const missing = [...(help?.body.matchAll(/^\s{2,}(-[a-z][\w-]*)/gm) ?? [])].map((m) => m[1]!).filter((d) => !have.has(d));
      if (missing.length) throw new Error(`terraform ${path.join(' ')}: its help documents ${[...new Set(missing)].join(', ')}, which the generator did not find`);
    }
    parent.subcommands ??= [];
    parent.subcommands.push(node);
  }
  const sortTree = (n: GenNode) => {
    if (n.subcommands?.length) {
      n.subcommands.sort((a, b) => a.name[0]!.localeCompare(b.name[0]!));
      n.subcommands.forEach(sortTree);
      // A command with subcommands takes arguments only if its own Run reads them (`terraform providers`).
    } else {
      delete n.subcommands;
      n.args ??= { name: 'args', isVariadic: true, isOptional: true };
    }
  };
  sortTree(root);

  // Global options (main.go): -chdir=DIR, the version shortcuts, the autocomplete installers.
  const main = src.read('main.go');
  if (!/argName\s*=\s*"-chdir"/.test(main)) throw new Error('main.go: -chdir not found');
  const options: GenOption[] = [{ name: ['-chdir'], args: { name: 'dir' } }];
  const version = /arg\s*==\s*"(-[\w-]+)"(?:\s*\|\|\s*arg\s*==\s*"(-[\w-]+)")*/.exec(main)?.[0] ?? '';
  for (const m of version.matchAll(/"(-{1,2}[\w-]+)"/g)) addOption(options, { name: [m[1]!] });
  for (const m of main.matchAll(/Autocomplete(?:Install|Uninstall):\s*"([\w-]+)"/g)) addOption(options, { name: [`-${m[1]}`] });
  // mitchellh/cli (a dependency, not in this repository) takes these as help after any command.
  options.push({ name: ['-h', '-help', '--help'], isPersistent: true });
  root.options = sortOptions(options);
  if (!root.options.some((o) => o.name.includes('-version'))) throw new Error('main.go: the -version shortcut was not found');
  return { spec: root, paths: TERRAFORM_PATHS };
}
