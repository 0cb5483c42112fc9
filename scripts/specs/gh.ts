/**
 * gh's command tree from its Go source (github.com/cli/cli, pkg/cmd/** and pkg/cmdutil), read as text
 * like kubectl's (no Go toolchain):
 *
 * - a command is a `cobra.Command{Use: "list …", Aliases: […]}` literal, found from the root
 *   (`NewCmdRoot`) by following `cmd.AddCommand(x.NewCmdList(f, nil))`, `cmdutil.AddGroup(cmd, "…", …)`,
 *   local variables (`listCmd := newListCmd(app)`) and inline `func() *cobra.Command {…}()` literals,
 *   each call resolved through the file's imports;
 * - its flags are the `cmd.Flags().StringVarP(&o.x, "name", "n", …)` calls on its variable, and those
 *   of every helper it is handed to, with the helper's parameters bound to the call's arguments
 *   (`cmdutil.StringEnumFlag(cmd, &o.State, "state", "s", …)`, `cmdutil.AddJSONFlags`, `cmdutil.EnableRepoOverride`,
 *   which adds the persistent `--repo`/`-R`); `Bool…`/`Count…` flags and `NoOptDefVal = "true"` take
 *   no value; `PersistentFlags()` are inherited by subcommands;
 * - the root's help topics (`gh help environment`, `gh environment`) come from `HelpTopics`, and cobra's
 *   own `help` command is added (gh does not replace it); pflag itself accepts `-h` as help everywhere.
 *
 * Completeness: built-in commands list every subcommand and flag. But gh also runs, as top-level
 * commands, installed extensions (`gh-<name>` repositories, `gh extension install`) and aliases
 * (`gh alias set`), and an alias may also be defined under any command group that is not itself
 * runnable (`gh alias set 'issue mine' …` makes `gh issue mine`; shared.ValidAliasNameFunc). Those
 * nodes record `subcommandsGap`: an unknown subcommand there is a warning that says so, while their
 * flags stay complete (an unknown flag is an error).
 */
import { FLAG_METHOD } from './kubectl.ts';
import { callArgs, closing, readGo, resolveCall, stringValue, type GoFn, type GoPackages } from './go-source.ts';
import type { GitSource } from './source.ts';
import { addOption, sortOptions, type GenNode, type GenOption } from './types.ts';

const MODULE = 'github.com/cli/cli/v2';
export const GH_PATHS = ['pkg/cmd/**/*.go', 'pkg/cmdutil/*.go'];

export const ROOT_GAP = 'gh also runs installed extensions (`gh extension install`) and aliases (`gh alias set`) as top-level commands';
export const GROUP_GAP = 'gh aliases may be defined under a command group (`gh alias set \'issue mine\' …`)';

interface Scope {
  fn: Pick<GoFn, 'dir' | 'imports'>;
  env: Map<string, string>;
  text: string;
}

interface Flags {
  options: GenOption[];
  unresolved: string[];
}

/** `text` with the bodies of nested `func(…) *cobra.Command {…}` literals blanked (they are commands of their own). */
function maskNested(text: string, all = false): string {
  let out = text;
  for (const m of text.matchAll(all ? /\bfunc\s*\([^)]*\)[^{\n]*\{/g : /func\s*\([^)]*\)\s*\*cobra\.Command\s*\{/g)) {
    if (m.index === 0) continue;
    const open = m.index + m[0].length - 1;
    const end = closing(text, open);
    out = out.slice(0, open + 1) + out.slice(open + 1, end).replace(/[^\n]/g, ' ') + out.slice(end);
  }
  return out;
}

/** `text` with string contents blanked (same length), so words inside help texts are not read as code. */
function blankStrings(text: string): string {
  return text.replace(/"(?:[^"\\\n]|\\.)*"|`[^`]*`/g, (m) => m[0] + m.slice(1, -1).replace(/[^\n]/g, ' ') + m.at(-1));
}

/** Is `at` inside a `for … range X {` loop of `text` (commands added per item: help topics, extensions, aliases)? */
function inLoop(text: string, at: number): boolean {
  for (const m of text.matchAll(/\bfor\s+[^{\n]*\brange\b[^{\n]*\{/g)) {
    const open = m.index + m[0].length - 1;
    if (m.index < at && closing(text, open) > at) return true;
  }
  return false;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function ghTree(src: GitSource): { spec: GenNode; paths: string[] } {
  const pkgs: GoPackages = readGo(src, ['pkg/cmd', 'pkg/cmdutil'], MODULE);
  const problems: string[] = [];

  /** The flags defined on command variable `v` in `scope`, following helpers it is handed to. */
  const flagsOf = (v: string, scope: Scope, depth = 0, flagSet = false): Flags => {
    const out: Flags = { options: [], unresolved: [] };
    if (depth > 6) return out;
    const text = maskNested(scope.text);
    const sets: Array<{ name: string; persistent: boolean }> = [];
    if (flagSet) sets.push({ name: v, persistent: false });
    for (const m of text.matchAll(new RegExp(`(\\w+)\\s*:?=\\s*${esc(v)}\\.(Flags|PersistentFlags)\\(\\)\\s*$`, 'gm'))) sets.push({ name: m[1]!, persistent: m[2] === 'PersistentFlags' });
    const calls: Array<{ at: number; method: string; persistent: boolean }> = [];
    if (!flagSet) for (const m of text.matchAll(new RegExp(`\\b${esc(v)}\\.(Flags|PersistentFlags|LocalFlags)\\(\\)\\.(\\w+)\\(`, 'g'))) calls.push({ at: m.index + m[0].length - 1, method: m[2]!, persistent: m[1] === 'PersistentFlags' });
    for (const s of sets) for (const m of text.matchAll(new RegExp(`\\b${esc(s.name)}\\.(\\w+)\\(`, 'g'))) calls.push({ at: m.index + m[0].length - 1, method: m[1]!, persistent: s.persistent });
    for (const c of calls) {
      const method = FLAG_METHOD.exec(c.method);
      if (!method) continue;
      const args = callArgs(text, c.at);
      const [, kind, isVar, isP] = method;
      const nameAt = isVar || kind === 'Var' ? 1 : 0;
      const name = stringValue(pkgs, scope.fn, scope.env, args[nameAt]);
      if (name === undefined) {
        out.unresolved.push(`flag named ${args[nameAt]}`);
        continue;
      }
      const short = isP ? stringValue(pkgs, scope.fn, scope.env, args[nameAt + 1]) : undefined;
      const names = [`--${name}`, ...(short ? [`-${short}`] : [])];
      // `f := cmd.Flags().VarPF(…); f.NoOptDefVal = "true"`: a boolean (cmdutil.NilBoolFlag).
      const assigned = /(\w+)\s*:?=\s*$/.exec(text.slice(text.lastIndexOf('\n', c.at) + 1, c.at).replace(/\S+\.\w+$/, ''))?.[1];
      const noOpt = assigned ? new RegExp(`\\b${esc(assigned)}\\.NoOptDefVal\\s*=\\s*"([^"]*)"`).exec(text)?.[1] : undefined;
      const takes = !/^(Bool|Count|BoolSlice)$/.test(kind!) && noOpt !== 'true';
      const option: GenOption = takes ? { name: names, args: { name: kind!.toLowerCase(), ...(noOpt !== undefined ? { isOptional: true } : {}) } } : { name: names };
      if (c.persistent) option.isPersistent = true;
      addOption(out.options, option);
    }
    // Helpers handed the command (or its flag set): followed with their parameters bound.
    for (const m of text.matchAll(/(?<![\w.])((?:\w+\.)*)(\w+)\(/g)) {
      const qual = m[1]!.replace(/\.$/, '');
      const name = m[2]!;
      if (qual === v || FLAG_METHOD.test(name) || /^(func|if|for|switch|return|make|append|len|string)$/.test(name)) continue;
      const args = callArgs(text, m.index + m[0].length - 1);
      const at = args.findIndex((a) => a === v || a === `&${v}` || a === `${v}.Flags()` || a === `${v}.PersistentFlags()`);
      if (at < 0) continue;
      const targets = resolveCall(pkgs, scope.fn, qual, name);
      if (targets.length === 0) {
        if (/Flag/.test(name)) out.unresolved.push(`${qual ? `${qual}.` : ''}${name}(…)`);
        continue;
      }
      for (const t of targets) {
        const param = t.params[at];
        if (!param) continue;
        const env = new Map<string, string>();
        t.params.forEach((p, i) => {
          const value = stringValue(pkgs, scope.fn, scope.env, args[i]);
          if (value !== undefined) env.set(p, value);
        });
        const inner = flagsOf(param, { fn: t, env, text: t.body }, depth + 1, args[at] !== v && args[at] !== `&${v}`);
        const persistentSet = args[at] === `${v}.PersistentFlags()`;
        for (const o of inner.options) addOption(out.options, persistentSet ? { ...o, isPersistent: true } : o);
        out.unresolved.push(...inner.unresolved);
      }
    }
    return out;
  };

  /** The node of a `cobra.Command{…}` literal (at `open`, its `{`) held in variable `v` of `scope`. */
  const fromLiteral = (literal: string, v: string | undefined, scope: Scope, depth: number): GenNode | null => {
    const fields = literal;
    const useExpr = /\bUse:\s*([^,\n]+),/.exec(fields)?.[1];
    const use = useExpr ? stringValue(pkgs, scope.fn, scope.env, useExpr)?.split(/\s+/)[0] : undefined;
    if (!use) {
      problems.push(`a command's Use (${useExpr ?? 'none'}) in ${scope.fn.dir}`);
      return null;
    }
    const aliases = [.../\bAliases:\s*\[\]string\{([^}]*)\}/.exec(fields)?.[1]?.matchAll(/"([^"]+)"/g) ?? []].map((x) => x[1]!);
    const text = maskNested(scope.text);
    const runnable = /\bRunE?:/.test(fields) || (v !== undefined && new RegExp(`\\b${esc(v)}\\.RunE?\\s*=`).test(text));
    const node: GenNode = { name: [use, ...aliases], options: [], complete: true };
    const usage = stringValue(pkgs, scope.fn, scope.env, useExpr) ?? '';
    if (runnable && usage.trim().split(/\s+/).length > 1) node.args = { name: 'args', isVariadic: true, isOptional: true };
    if (v) {
      const found = flagsOf(v, scope);
      node.options = found.options;
      if (found.unresolved.length) {
        node.complete = false;
        node.gap = `flags added by ${[...new Set(found.unresolved)].join(', ')} are not in the generated list`;
      }
      const subs: GenNode[] = [];
      const add = (n: GenNode | null) => {
        if (n && !subs.some((s) => s.name[0] === n.name[0])) subs.push(n);
      };
      for (const m of text.matchAll(new RegExp(`\\b${esc(v)}\\.AddCommand\\(`, 'g'))) {
        if (inLoop(text, m.index)) continue;
        // Arguments from the text itself (masking keeps offsets): inline commands are masked in `text`.
        for (const a of callArgs(scope.text, m.index + m[0].length - 1)) add(commandFrom(a, scope, depth + 1));
      }
      // cmdutil.AddGroup(parent, title, cmds...) adds each of cmds to parent.
      for (const m of text.matchAll(new RegExp(`\\b\\w+\\.AddGroup\\(\\s*${esc(v)}\\s*,`, 'g'))) for (const a of callArgs(scope.text, m.index + m[0].indexOf('(')).slice(2)) add(commandFrom(a, scope, depth + 1));
      // The root's help topics: `for _, ht := range HelpTopics { cmd.AddCommand(NewCmdHelpTopic(…, ht)) }`.
      if (/range\s+HelpTopics\b/.test(text)) for (const topic of helpTopics(scope)) add({ name: [topic], options: [], complete: true });
      if (subs.length) node.subcommands = subs.sort((a, b) => a.name[0]!.localeCompare(b.name[0]!));
    }
    if (node.subcommands && !runnable) node.subcommandsGap = GROUP_GAP;
    node.options = sortOptions(node.options);
    return node;
  };

  const helpTopics = (scope: Scope): string[] => {
    const files = pkgs.files.get(scope.fn.dir) ?? [];
    for (const go of files) {
      const at = /var\s+HelpTopics\s*=\s*\[\]\w+\{/.exec(go);
      if (!at) continue;
      const body = go.slice(at.index, closing(go, at.index + at[0].length - 1));
      return [...body.matchAll(/^\t\tname:\s*"([\w-]+)"/gm)].map((m) => m[1]!);
    }
    problems.push('HelpTopics not found');
    return [];
  };

  /** The command an expression evaluates to: a literal, a constructor call, a variable, an inline function. */
  const commandFrom = (expr: string, scope: Scope, depth: number): GenNode | null => {
    if (depth > 12) return null;
    const e = expr.trim().replace(/^&/, '');
    if (/^cobra\.Command\{/.test(e)) return fromLiteral(e, undefined, scope, depth);
    const iife = /^func\s*\(\s*\)\s*\*cobra\.Command\s*\{/.exec(e);
    if (iife) {
      const open = iife[0].length - 1;
      const body = e.slice(open, closing(e, open) + 1);
      return returned({ fn: scope.fn, env: scope.env, text: body }, depth);
    }
    const call = /^((?:\w+\.)*)(\w+)\(/.exec(e);
    if (call) {
      const qual = call[1]!.replace(/\.$/, '');
      const args = callArgs(e, call[0].length - 1);
      const targets = resolveCall(pkgs, scope.fn, qual, call[2]!);
      if (targets.length !== 1) {
        problems.push(`${e.slice(0, 60)} in ${scope.fn.dir} (${targets.length} definitions)`);
        return null;
      }
      const t = targets[0]!;
      const env = new Map<string, string>();
      t.params.forEach((p, i) => {
        const value = stringValue(pkgs, scope.fn, scope.env, args[i]);
        if (value !== undefined) env.set(p, value);
      });
      return returned({ fn: t, env, text: t.body }, depth);
    }
    if (/^\w+$/.test(e)) return fromVariable(e, scope, depth);
    problems.push(`command expression ${e.slice(0, 60)} in ${scope.fn.dir}`);
    return null;
  };

  /** The command held in variable `v`: its literal (with the flags set on `v`), or what its initializer builds plus those flags. */
  const fromVariable = (v: string, scope: Scope, depth: number): GenNode | null => {
    const text = maskNested(scope.text);
    const def = new RegExp(`(?:\\b${esc(v)}\\s*:=|\\bvar\\s+${esc(v)}\\s*=|\\b${esc(v)}\\s*=)\\s*&?`).exec(text);
    if (!def) {
      problems.push(`variable ${v} in ${scope.fn.dir}`);
      return null;
    }
    const rest = scope.text.slice(def.index + def[0].length);
    if (/^cobra\.Command\{/.test(rest)) {
      const open = rest.indexOf('{');
      return fromLiteral(rest.slice(0, closing(rest, open) + 1), v, scope, depth);
    }
    const call = /^((?:\w+\.)*\w+)\(/.exec(rest);
    if (!call) {
      problems.push(`variable ${v} = ${rest.slice(0, 40)} in ${scope.fn.dir}`);
      return null;
    }
    const node = commandFrom(rest.slice(0, closing(rest, call[0].length - 1) + 1), scope, depth);
    if (node) {
      // Flags the caller adds to the command it got.
      const extra = flagsOf(v, scope);
      for (const o of extra.options) addOption(node.options, o);
      node.options = sortOptions(node.options);
    }
    return node;
  };

  /** The command a function body returns (`return cmd`, `return &extCmd`, `return cmd, nil`). */
  const returned = (scope: Scope, depth: number): GenNode | null => {
    for (const m of blankStrings(maskNested(scope.text, true)).matchAll(/^\s*return\s+([^\n]+)/gm)) {
      // The expression from the text itself (masking kept every offset): its strings are needed.
      const from = m.index + m[0].length - m[1]!.length;
      const expr = /^&?cobra\.Command\{/.test(m[1]!) ? scope.text.slice(from, closing(scope.text, scope.text.indexOf('{', from)) + 1) : m[1]!;
      const first = expr.startsWith('&cobra') || expr.startsWith('cobra') ? expr : expr.split(',')[0]!.trim();
      if (first === 'nil' || /^(err|fmt\.|errors\.)/.test(first)) continue;
      return commandFrom(first, scope, depth);
    }
    problems.push(`no command returned in ${scope.fn.dir}`);
    return null;
  };

  const rootFn = pkgs.byDir.get('pkg/cmd/root')?.get('NewCmdRoot')?.[0];
  if (!rootFn) throw new Error('NewCmdRoot not found in pkg/cmd/root');
  const root = returned({ fn: rootFn, env: new Map(), text: rootFn.body }, 0);
  if (!root) throw new Error(`NewCmdRoot builds no command: ${problems.join('; ')}`);
  if (problems.length) throw new Error(`gh: could not follow ${problems.join('; ')}`);
  root.name = ['gh'];
  delete root.args;
  // Extensions and aliases (the loops over em.List() and cfg.Aliases() in NewCmdRoot) are top-level commands too.
  if (!/em\.List\(\)/.test(rootFn.body) || !/\.Aliases\(\)/.test(rootFn.body)) throw new Error('NewCmdRoot no longer adds extensions and aliases: review ROOT_GAP');
  root.subcommandsGap = ROOT_GAP;
  // Cobra adds its `help [command]` command to a root with subcommands; pflag takes `-h` for help when no flag has that shorthand.
  root.subcommands = [...(root.subcommands ?? []), { name: ['help'], options: [], args: { name: 'command', isVariadic: true, isOptional: true }, complete: true }].sort((a, b) => a.name[0]!.localeCompare(b.name[0]!));
  root.options = sortOptions(root.options.map((o) => (o.name.includes('--help') ? { ...o, name: [...o.name, '-h'] } : o)));
  return { spec: root, paths: GH_PATHS };
}
