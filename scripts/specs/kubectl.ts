/**
 * kubectl's cobra command tree from its Go source (github.com/kubernetes/kubectl, the published copy
 * of kubectl at each Kubernetes release, plus github.com/kubernetes/cli-runtime for the flags it
 * shares: --namespace, --output, --filename …, and client-go's tools/clientcmd for flag-name
 * constants). No Go toolchain needed: functions are read as text.
 *
 * - a command is a function building `&cobra.Command{Use: "get …", Aliases: […]}`; its subcommands
 *   are the command-building functions it calls (`cmd.AddCommand(NewCmdRolloutUndo(…))`, and the root's
 *   command groups);
 * - its flags are the `cmd.Flags().StringVarP(&o.x, "name", "n", …)` calls in it, and those of every
 *   function or method it hands `cmd` or its flag set to (`cmdutil.AddDryRunFlag(cmd)`,
 *   `o.PrintFlags.AddFlags(cmd)`), followed through; `Bool…`/`Count…` flags take no value, and a
 *   `NoOptDefVal` makes the value optional (`--dry-run`);
 * - a node is complete when every such call was found in the sources; otherwise `gap` names the call.
 */
import type { GitSource } from './source.ts';
import { addOption, sortOptions, type GenNode, type GenOption } from './types.ts';

interface GoFunc {
  name: string;
  /** Receiver type (`PrintFlags`), for methods. */
  recv?: string;
  /** Package folder. */
  pkg: string;
  body: string;
}

/** Go text with comments blanked (strings kept), so braces and parentheses can be matched. */
export function stripComments(go: string): string {
  let out = '';
  for (let i = 0; i < go.length; i++) {
    const c = go[i]!;
    if (c === '/' && go[i + 1] === '/') {
      while (i < go.length && go[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && go[i + 1] === '*') {
      const end = go.indexOf('*/', i + 2);
      i = end < 0 ? go.length : end + 1;
      out += ' ';
    } else if (c === '"' || c === '`' || c === "'") {
      const start = i;
      for (i++; i < go.length && go[i] !== c; i++) if (c !== '`' && go[i] === '\\') i++;
      out += go.slice(start, i + 1);
    } else out += c;
  }
  return out;
}

/** Index of the bracket closing the one at `open` (strings skipped). */
export function closing(text: string, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === '`' || c === "'") {
      for (i++; i < text.length && text[i] !== c; i++) if (c !== '`' && text[i] === '\\') i++;
      continue;
    }
    if (pairs[c]) stack.push(pairs[c]);
    else if (c === stack.at(-1)) {
      stack.pop();
      if (stack.length === 0) return i;
    }
  }
  return text.length;
}

/** Top-level comma-separated arguments of the call whose `(` is at `open`. */
export function callArgs(text: string, open: number): string[] {
  const end = closing(text, open);
  const inner = text.slice(open + 1, end);
  const args: string[] = [];
  let depth = 0;
  let last = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c === '"' || c === '`' || c === "'") {
      for (i++; i < inner.length && inner[i] !== c; i++) if (c !== '`' && inner[i] === '\\') i++;
      continue;
    }
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      args.push(inner.slice(last, i).trim());
      last = i + 1;
    }
  }
  if (inner.slice(last).trim()) args.push(inner.slice(last).trim());
  return args;
}

function functions(src: GitSource, dirs: string[]): { funcs: GoFunc[]; consts: Map<string, string>; fields: Map<string, Set<string>>; aliases: Array<[string, string]> } {
  const funcs: GoFunc[] = [];
  const consts = new Map<string, string>();
  const fields = new Map<string, Set<string>>();
  const aliases: Array<[string, string]> = [];
  for (const dir of dirs) {
    for (const path of src.list(dir)) {
      if (!path.endsWith('.go') || path.endsWith('_test.go') || path.includes('/testing/')) continue;
      const go = stripComments(src.read(path));
      const pkg = path.slice(0, path.lastIndexOf('/'));
      for (const m of go.matchAll(/^\s*(\w+)\s*(?:string\s*)?=\s*"([\w.-]+)"\s*$/gm)) if (!consts.has(m[1]!)) consts.set(m[1]!, m[2]!);
      // Usage strings held in constants (`logsUsageStr = "logs [-f] …"`): their first word.
      for (const m of go.matchAll(/^\s*(\w+)\s*(?:string\s*)?=\s*"([\w-]+)\s[^"]*"\s*$/gm)) if (!consts.has(m[1]!)) consts.set(m[1]!, m[2]!);
      // `ExplicitFileFlag: RecommendedConfigPathFlag,`: a field set to a named constant.
      for (const m of go.matchAll(/^\s*(\w+):\s+(\w+),\s*$/gm)) aliases.push([m[1]!, m[2]!]);
      // Struct fields and their types (`TemplateFlags *KubeTemplatePrintFlags`), to find which `AddFlags` a call runs.
      for (const block of go.matchAll(/^type\s+\w+\s+struct\s*\{([\s\S]*?)^\}/gm)) {
        for (const f of block[1]!.matchAll(/^\s+(\w+)\s+\*?(?:\[\])?(?:\w+\.)?(\w+)\s*(?:`[^`]*`)?\s*$/gm)) {
          fields.set(f[1]!, new Set([...(fields.get(f[1]!) ?? []), f[2]!]));
        }
      }
      for (const m of go.matchAll(/^func\s+(?:\(\s*\w*\s*\*?(\w+)(?:\[[^\]]*\])?\s*\)\s*)?(\w+)\s*\(/gm)) {
        const open = go.indexOf('{', closing(go, m.index + m[0].length - 1));
        if (open < 0) continue;
        funcs.push({ name: m[2]!, recv: m[1], pkg, body: go.slice(open, closing(go, open) + 1) });
      }
    }
  }
  return { funcs, consts, fields, aliases };
}

export const FLAG_METHOD = /^(Bool|BoolSlice|Count|String|StringSlice|StringArray|StringToString|StringToInt|Int|Int8|Int16|Int32|Int64|IntSlice|Uint|Uint8|Uint16|Uint32|Uint64|Float32|Float64|Duration|DurationSlice|IP|IPSlice|IPMask|IPNet|Var)(Var)?(P)?(F)?$/;
const FLAGSET = /(?:\.(?:Flags|PersistentFlags|LocalFlags)\(\)|\b(?:flags|fs|flagset|flagSet|cmdFlags|flagSet))\.(\w+)\(/g;
const HANDS_CMD = /^(?:cmd|c|command|flags|fs|flagset|flagSet|cmdFlags|cmd\.Flags\(\)|cmd\.PersistentFlags\(\)|\w+\.Flags\(\)|\w+\.PersistentFlags\(\))$/;

interface Found {
  options: GenOption[];
  optional: Set<string>;
  unresolved: string[];
}

export function kubectlTree(kubectl: GitSource, cliRuntime: GitSource, clientGo: GitSource): { spec: GenNode; paths: string[] } {
  const a = functions(kubectl, ['pkg/cmd', 'pkg/util', 'pkg/kuberc']);
  const b = functions(cliRuntime, ['pkg/genericclioptions', 'pkg/printers', 'pkg/resource']);
  const c = functions(clientGo, ['tools/clientcmd']);
  const funcs = [...a.funcs, ...b.funcs];
  const consts = new Map([...c.consts, ...b.consts, ...a.consts]);
  for (const [field, name] of [...c.aliases, ...b.aliases, ...a.aliases]) if (!consts.has(field) && consts.has(name)) consts.set(field, consts.get(name)!);
  const fieldTypes = new Map<string, Set<string>>();
  for (const m of [c.fields, b.fields, a.fields]) for (const [k, v] of m) fieldTypes.set(k, new Set([...(fieldTypes.get(k) ?? []), ...v]));
  const byName = new Map<string, GoFunc[]>();
  for (const f of funcs) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
  const isCommand = (f: GoFunc) => /&cobra\.Command\{/.test(f.body) && /^[Nn]ewCmd/.test(f.name);

  /** The functions a call `qual.Name(…)` may run: by package, by the receiver's type, or none (unresolved). */
  const resolve = (qual: string, name: string, caller: GoFunc): GoFunc[] => {
    const defs = byName.get(name) ?? [];
    if (defs.length <= 1 || !qual) return defs.length <= 1 ? defs : defs.filter((d) => d.pkg === caller.pkg);
    const head = qual.split('.')[0]!;
    const pkgDefs = defs.filter((d) => !d.recv && d.pkg.endsWith(`/${head}`));
    if (pkgDefs.length) return pkgDefs;
    // `pref := kuberc.NewPreferences()` / `x := &Type{` in the caller names the type.
    const local = new RegExp(`\\b${head}\\s*:?=\\s*&?(?:\\w+\\.)?(?:New)?(\\w+?)(?:\\(|\\{)`).exec(caller.body)?.[1];
    const fieldName = qual.includes('.') ? qual.split('.').at(-1)! : (local ?? head);
    const typed = [...(fieldTypes.get(fieldName) ?? [])].map((t) => t.toLowerCase());
    const field = fieldName.toLowerCase();
    const byType = defs.filter((d) => d.recv && typed.includes(d.recv.toLowerCase()));
    if (byType.length) return byType;
    const methods = defs.filter((d) => d.recv && (d.recv.toLowerCase() === field || field.endsWith(d.recv.toLowerCase()) || d.recv.toLowerCase().endsWith(field)));
    const exact = methods.filter((d) => d.recv!.toLowerCase() === field);
    const best = exact.length ? exact : methods;
    const same = best.filter((d) => d.pkg === caller.pkg);
    if (same.length) return same;
    if (best.length) return best;
    return defs.filter((d) => d.pkg === caller.pkg);
  };

  const value = (arg: string | undefined): string | undefined => {
    if (!arg) return undefined;
    const lit = /^"([\w.-]*)"$/.exec(arg);
    if (lit) return lit[1];
    return consts.get(arg.split('.').at(-1)!);
  };

  const flagsCache = new Map<GoFunc, Found>();
  const flagsOf = (f: GoFunc, depth = 0, seen = new Set<GoFunc>()): Found => {
    const cached = flagsCache.get(f);
    if (cached) return cached;
    const out: Found = { options: [], optional: new Set(), unresolved: [] };
    if (seen.has(f) || depth > 8) return out;
    seen.add(f);
    const body = f.body;
    for (const m of body.matchAll(FLAGSET)) {
      const method = FLAG_METHOD.exec(m[1]!);
      if (!method) continue;
      const args = callArgs(body, m.index + m[0].length - 1);
      const [, kind, isVar, isP, isF] = method;
      const nameAt = isVar || kind === 'Var' ? 1 : 0;
      const name = value(args[nameAt]);
      if (!name) {
        if (args[nameAt]) out.unresolved.push(`flag named ${args[nameAt]}`);
        continue;
      }
      const short = isP ? value(args[nameAt + 1]) : undefined;
      const names = [`--${name}`, ...(short ? [`-${short}`] : [])];
      const takes = !/^(Bool|Count|BoolSlice)$/.test(kind!);
      addOption(out.options, takes ? { name: names, args: { name: kind!.toLowerCase() } } : { name: names });
      // `f := cmd.Flags().VarPF(…); f.NoOptDefVal = "true"`: a value that may be left out.
      if (isF && /\.NoOptDefVal\s*=/.test(body)) out.optional.add(`--${name}`);
    }
    for (const m of body.matchAll(/Lookup\(\s*("[\w-]+"|[\w.]+)\s*\)\.NoOptDefVal/g)) {
      const n = value(m[1]);
      if (n) out.optional.add(`--${n}`);
    }
    for (const m of body.matchAll(/(?<![\w.])((?:[\w]+\.)*)(\w+)\(/g)) {
      const [, qualDot, name] = m;
      if (!name || FLAG_METHOD.test(name) || /^(func|if|for|switch|return|make|append|len|string)$/.test(name)) continue;
      const args = callArgs(body, m.index + m[0].length - 1);
      if (!args.some((x) => HANDS_CMD.test(x))) continue;
      const qual = (qualDot ?? '').replace(/\.$/, '');
      if (/^(cmd|cmds|c|command|flags|fs)$/.test(qual) && !byName.has(name)) continue; // cobra's own methods (AddCommand, MarkFlagRequired…)
      const targets = resolve(qual, name, f).filter((t) => !isCommand(t));
      if (targets.length === 0) {
        if (!byName.has(name) && /^(Add|add|Bind|bind)\w*Flags?\w*$|Flags$/.test(name)) out.unresolved.push(`${qual ? `${qual}.` : ''}${name}(…)`);
        continue;
      }
      for (const t of targets) {
        const inner = flagsOf(t, depth + 1, seen);
        for (const o of inner.options) addOption(out.options, o);
        inner.optional.forEach((n) => out.optional.add(n));
        out.unresolved.push(...inner.unresolved);
      }
    }
    flagsCache.set(f, out);
    return out;
  };

  const build = (f: GoFunc, stack: Set<GoFunc>): GenNode | null => {
    const literal = /&cobra\.Command\{/.exec(f.body);
    if (!literal) return null;
    const open = f.body.indexOf('{', literal.index);
    const fields = f.body.slice(open, closing(f.body, open) + 1);
    const useField = /Use:\s*(?:fmt\.Sprintf\(\s*)?(?:"([\w-]+)|(\w+)\s*,)/.exec(fields);
    const use = useField?.[1] ?? (useField?.[2] ? consts.get(useField[2]) : undefined);
    if (!use) return null;
    const aliases = [.../Aliases:\s*\[\]string\{([^}]*)\}/.exec(fields)?.[1]?.matchAll(/"([^"]+)"/g) ?? []].map((x) => x[1]!);
    const found = flagsOf(f);
    const options = found.options.map((o) => (o.args && o.name.some((n) => found.optional.has(n)) ? { ...o, args: { ...o.args, isOptional: true } } : o));
    const node: GenNode = { name: [use, ...aliases], options: sortOptions(options), complete: found.unresolved.length === 0 };
    if (!node.complete) node.gap = `flags added by ${[...new Set(found.unresolved)].join(', ')} are not in the generated list`;
    if (/(?:persistent|Persistent)Flags\(\)/.test(f.body)) node.options = node.options.map((o) => ({ ...o }));
    const children: GenNode[] = [];
    const missing: string[] = [];
    for (const m of f.body.matchAll(/(?<![\w])((?:\w+\.)?)([Nn]ewCmd\w+)\(/g)) {
      for (const t of resolve(m[1]!.replace(/\.$/, ''), m[2]!, f)) {
        if (t === f || stack.has(t)) continue;
        // `NewCmdConfigSetCredentials` hands over to `newCmdConfigSetCredentials`, which builds the command.
        const inner = isCommand(t)
          ? undefined
          : [...t.body.matchAll(/(?<![\w])((?:\w+\.)?)([Nn]ewCmd\w+)\(/g)].flatMap((x) => resolve(x[1]!.replace(/\.$/, ''), x[2]!, t)).find((x) => x !== t && isCommand(x));
        if (inner && !stack.has(inner)) {
          const child = build(inner, new Set([...stack, f, t]));
          if (child && !children.some((c) => c.name[0] === child.name[0])) children.push(child);
          continue;
        }
        if (!isCommand(t)) {
          // A command kubectl takes from another project (`kubectl kustomize`): named after its constructor, its flags unknown.
          if (/\*cobra\.Command/.test(t.body) || /return\s+\w+\.NewCmd\w*\(/.test(t.body)) {
            const name = t.name.replace(/^[Nn]ewCmd/, '').replace(/(?<=[a-z])([A-Z])/g, '-$1').toLowerCase();
            if (name && !children.some((c) => c.name[0] === name) && /return\s+\w+\.NewCmd\w*\(/.test(t.body)) {
              children.push({ name: [name], options: [], args: { name: 'args', isVariadic: true, isOptional: true }, complete: false, gap: `\`${name}\` is built outside kubectl's source (${t.name})` });
            }
          }
          continue;
        }
        const child = build(t, new Set([...stack, f]));
        if (!child) missing.push(t.name);
        else if (!children.some((c) => c.name[0] === child.name[0])) children.push(child);
      }
    }
    if (children.length) node.subcommands = children.sort((x, y) => x.name[0]!.localeCompare(y.name[0]!));
    if (missing.length) {
      node.complete = false;
      node.gap = [node.gap, `the names of the commands built by ${missing.join(', ')} are not in the source`].filter(Boolean).join('; ');
    }
    // Commands take resource names and arguments.
    node.args = { name: 'args', isVariadic: true, isOptional: true };
    return node;
  };

  const rootFn = (byName.get('NewKubectlCommand') ?? [])[0];
  if (!rootFn) throw new Error('NewKubectlCommand not found in pkg/cmd');
  const root = build(rootFn, new Set());
  if (!root) throw new Error('NewKubectlCommand builds no cobra.Command');
  // The root's flags are persistent (cmds.PersistentFlags()): every subcommand accepts them.
  root.options = root.options.map((o) => ({ ...o, isPersistent: true }));
  delete root.args;
  return { spec: root, paths: ['pkg/cmd/**/*.go', 'pkg/util/**/*.go', 'pkg/kuberc/*.go'] };
}
