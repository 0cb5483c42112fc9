/**
 * Go packages read as text (no Go toolchain), for the generators that read a CLI's Go source (gh,
 * terraform): each function with its receiver, parameter names and body, each file's imports, and
 * the string constants of each package. Comments are blanked first (kubectl.ts's helpers), so
 * brackets can be matched.
 */
import { callArgs, closing, stripComments } from './kubectl.ts';
import type { GitSource } from './source.ts';

export { callArgs, closing };

export interface GoFn {
  name: string;
  /** Receiver type (`Meta`), for methods. */
  recv?: string;
  /** Parameter names in order (`name, shorthand string` gives two). */
  params: string[];
  /** Package folder (`pkg/cmd/pr/list`). */
  dir: string;
  /** Import alias → package folder, of the file the function is in. */
  imports: Map<string, string>;
  /** The result types as written (`*flag.FlagSet`, `(*cobra.Command, error)`). */
  results: string;
  /** The body, `{` to `}`. */
  body: string;
  path: string;
}

export interface GoPackages {
  fns: GoFn[];
  /** Folder → function name → definitions (several: methods of different types). */
  byDir: Map<string, Map<string, GoFn[]>>;
  /** Folder → constant or package-level string variable → value. */
  consts: Map<string, Map<string, string>>;
  /** Folder → file text (comments blanked), for package-level declarations. */
  files: Map<string, string[]>;
}

/** Reads every non-test .go file under `dirs`; `module` is the Go module path (`github.com/cli/cli/v2`). */
export function readGo(src: GitSource, dirs: string[], module: string): GoPackages {
  const out: GoPackages = { fns: [], byDir: new Map(), consts: new Map(), files: new Map() };
  for (const dir of dirs) {
    for (const path of src.list(dir)) {
      if (!path.endsWith('.go') || path.endsWith('_test.go')) continue;
      const go = stripComments(src.read(path));
      const folder = path.slice(0, path.lastIndexOf('/'));
      const imports = new Map<string, string>();
      const block = /^import\s*\(([\s\S]*?)^\)/m.exec(go)?.[1] ?? /^import\s+(\w*\s*"[^"]+")/m.exec(go)?.[1] ?? '';
      for (const m of block.matchAll(/^\s*(\w+|_|\.)?\s*"([^"]+)"/gm)) {
        const full = m[2]!;
        const local = full.startsWith(`${module}/`) ? full.slice(module.length + 1) : full;
        imports.set(m[1] ?? full.slice(full.lastIndexOf('/') + 1), local);
      }
      const consts = out.consts.get(folder) ?? new Map<string, string>();
      out.consts.set(folder, consts);
      for (const m of go.matchAll(/^\s*(\w+)\s*(?:string\s*)?=\s*"([^"\n]*)"\s*$/gm)) if (!consts.has(m[1]!)) consts.set(m[1]!, m[2]!);
      out.files.set(folder, [...(out.files.get(folder) ?? []), go]);
      for (const m of go.matchAll(/^func\s+(?:\(\s*\w*\s*\*?(\w+)(?:\[[^\]]*\])?\s*\)\s*)?(\w+)\s*(?:\[[^\]]*\])?\s*\(/gm)) {
        const paren = m.index + m[0].length - 1;
        const params = callArgs(go, paren).map((p) => p.split(/\s+/)[0]!.replace(/\.\.\.$/, ''));
        const open = go.indexOf('{', closing(go, paren));
        if (open < 0) continue;
        const results = go.slice(closing(go, paren) + 1, open).trim();
        const fn: GoFn = { name: m[2]!, recv: m[1], params, dir: folder, imports, results, body: go.slice(open, closing(go, open) + 1), path };
        out.fns.push(fn);
        const names = out.byDir.get(folder) ?? new Map<string, GoFn[]>();
        out.byDir.set(folder, names);
        names.set(fn.name, [...(names.get(fn.name) ?? []), fn]);
      }
    }
  }
  return out;
}

/** The functions a call `qual.name(…)` made in `caller` may run: an imported package's function, one of the caller's package, or a method. */
export function resolveCall(pkgs: GoPackages, caller: { dir: string; imports: Map<string, string> }, qual: string, name: string): GoFn[] {
  const head = qual.split('.')[0] ?? '';
  if (qual && caller.imports.has(head) && !qual.includes('.')) return (pkgs.byDir.get(caller.imports.get(head)!)?.get(name) ?? []).filter((f) => !f.recv);
  const local = pkgs.byDir.get(caller.dir)?.get(name) ?? [];
  if (!qual) return local.filter((f) => !f.recv);
  // A method on a value (`c.Meta.extendedFlagSet`, `opts.addFlags`): the methods of that name in the caller's package.
  return local.filter((f) => f.recv);
}

/** A Go string expression's value: a literal, a bound parameter, a constant of the package or of an imported one. */
export function stringValue(pkgs: GoPackages, at: { dir: string; imports: Map<string, string> }, env: Map<string, string>, expr: string | undefined): string | undefined {
  if (expr === undefined) return undefined;
  const e = expr.trim();
  const lit = /^"((?:[^"\\]|\\.)*)"$/.exec(e) ?? /^`([^`]*)`$/.exec(e);
  if (lit) return lit[1];
  if (env.has(e)) return env.get(e);
  const q = /^(\w+)\.(\w+)$/.exec(e);
  if (q && at.imports.has(q[1]!)) return pkgs.consts.get(at.imports.get(q[1]!)!)?.get(q[2]!);
  if (/^\w+$/.test(e)) return pkgs.consts.get(at.dir)?.get(e);
  return undefined;
}
