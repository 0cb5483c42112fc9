/**
 * The AWS CLI v2 from its own source (aws/aws-cli at a 2.x tag), the way awscli/clidriver.py
 * builds its command table:
 *
 * - services: the botocore models it ships, awscli/botocore/data/<service>/<api-version>/service-2.json
 *   (the newest api-version), named as the directory; awscli/handlers_registry.py's
 *   MAIN_COMMAND_TABLE_OPS renames some (s3 → s3api, codedeploy → deploy) and adds hand-written ones
 *   (s3, configure, ddb, history, login …);
 * - operations: `xform_name(operation, '-')` (botocore's CamelCase → kebab-case, with its table of
 *   special cases); flags: each input-shape member, `--<xform_name(member)>`; booleans also get
 *   `--no-<name>` (BooleanArgument); every other type takes a value;
 * - what the generic handlers of `building-argument-table` add: --cli-input-json, --cli-input-yaml,
 *   --generate-cli-skeleton [input|output|yaml-input] (cliinput.py, generatecliskeleton.py);
 *   --starting-token, --max-items and (with a limit_key) --page-size for operations with a
 *   paginator (paginators-1.json, paginate.py); the positional outfile of streaming output
 *   (streamingoutputarg.py); `wait <waiter>` from waiters-2.json (waiters.py); argument renames and
 *   hidden aliases (argrename.py); ec2's boolean structures as `--x`/`--no-x` (toplevelbool.py);
 * - the hand-written commands (awscli/customizations/**): BasicCommand classes with NAME, ARG_TABLE
 *   and SUBCOMMANDS, read by aws-python.ts, attached where a `building-command-table.<service>`
 *   handler assigns `command_table['name'] = Class(...)`;
 * - the global options: awscli/data/cli.json.
 *
 * Completeness: a service's command list is complete unless a `building-command-table.<service>`
 * handler adds commands this generator could not read; an operation's flags are complete unless a
 * `building-argument-table.<service>.<operation>` (or `.<service>.*`) handler other than the ones
 * modelled above changes them (ec2 run-instances, …): there the names the handler's module
 * mentions are added, their values optional, and the node is marked incomplete with the module named.
 *
 * The output is compact (see scripts/validate/commands/aws-spec.ts for the format): one string per
 * service, decoded only for the services a document uses.
 */
import type { GitSource } from './source.ts';
import { closeBracket, parseModule, pyDict, pyString, splitTop, type PyClass, type PyModule } from './aws-python.ts';
import { sortOptions, type GenNode, type GenOption } from './types.ts';

export const BOTOCORE_DATA = 'awscli/botocore/data';
export const HANDLERS = 'awscli/handlers_registry.py';
export const CUSTOMIZATIONS = 'awscli/customizations';
export const CLI_JSON = 'awscli/data/cli.json';

/** botocore.xform_name(name, '-'), with the special cases of its `_xform_cache`. */
export function xformName(name: string, special: Map<string, string> = new Map()): string {
  if (name.includes('-')) return name;
  const known = special.get(name);
  if (known) return known;
  let n = name;
  const plural = /[A-Z]{2,}s$/.exec(n);
  if (plural) n = `${n.slice(0, -plural[0].length)}-${plural[0].toLowerCase()}`;
  n = n.replace(/(.)([A-Z][a-z]+)/g, '$1-$2');
  return n.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** The `('Name', '-'): 'cli-name'` entries of botocore's `_xform_cache`. */
export function xformSpecialCases(initPy: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of initPy.matchAll(/\(\s*'(\w+)',\s*'-',?\s*\):\s*'([\w-]+)'/g)) out.set(m[1]!, m[2]!);
  return out;
}

/** An argument of a command: `value` true (takes one), false (a switch) or 'optional'. */
export interface Arg {
  name: string;
  value: boolean | 'optional';
}

/** A command in the compact form aws-spec.ts decodes. */
export interface Cmd {
  args: Arg[];
  /** Model operation: gets --cli-input-json, --cli-input-yaml, --generate-cli-skeleton. */
  operation?: boolean;
  /** Paginated: 1 = --starting-token/--max-items, 2 = also --page-size. */
  paginate?: 1 | 2;
  positional?: string;
  complete: boolean;
  gap?: string;
  sub?: Map<string, Cmd>;
}

interface Shape {
  type: string;
  members?: Record<string, { shape: string }>;
  streaming?: boolean;
}
interface ServiceModel {
  operations: Record<string, { name: string; input?: { shape: string }; output?: { shape: string } }>;
  shapes: Record<string, Shape & { payload?: string }>;
}

/** The handler registry: event → modules (dotted names) registered for it. */
export function handlerRegistry(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const start = text.indexOf('PLUGIN_REGISTRY = {');
  if (start < 0) throw new Error(`${HANDLERS}: no PLUGIN_REGISTRY`);
  const open = text.indexOf('{', start);
  const body = text.slice(open + 1, closeBracket(text, open) - 1);
  for (const item of splitTop(body)) {
    const m = /^'([^']+)'\s*:\s*\[([\s\S]*)\]$/.exec(item);
    if (!m) continue;
    out.set(m[1]!, [...m[2]!.matchAll(/\(\s*'([\w.]+)'\s*,\s*'(\w+)'\s*,?\s*\)/g)].map((h) => h[1]!));
  }
  return out;
}

/** MAIN_COMMAND_TABLE_OPS: renames of services and added top-level commands. */
export function mainTableOps(text: string): { renames: Map<string, string>; adds: Array<{ name: string; module: string; cls: string }> } {
  const start = text.indexOf('MAIN_COMMAND_TABLE_OPS');
  const body = start < 0 ? '' : text.slice(start);
  const renames = new Map<string, string>();
  const adds: Array<{ name: string; module: string; cls: string }> = [];
  for (const m of body.matchAll(/\(\s*CommandTableOp\.RENAME,\s*'([\w-]+)',\s*'([\w-]+)',?\s*\)/g)) renames.set(m[1]!, m[2]!);
  for (const m of body.matchAll(/\(\s*CommandTableOp\.ADD,\s*'([\w-]+)',\s*'([\w.]+)',\s*'(\w+)',?\s*\)/g)) adds.push({ name: m[1]!, module: m[2]!, cls: m[3]! });
  return { renames, adds };
}

/** `'svc.op.arg': 'new'` entries of argrename.py's dict `name`. */
export function renameTable(text: string, name: string): Array<{ service: string; operation: string; from: string; to: string }> {
  const start = text.indexOf(`${name} = {`);
  if (start < 0) return [];
  const open = text.indexOf('{', start);
  const dict = pyDict(text.slice(open, closeBracket(text, open))) ?? new Map();
  return [...dict].flatMap(([key, value]) => {
    const to = pyString(value);
    const parts = key.split('.');
    return to && parts.length === 3 ? [{ service: parts[0]!, operation: parts[1]!, from: parts[2]!, to }] : [];
  });
}

/** The input arguments of an operation, in the CLI's names. */
export function operationArgs(model: ServiceModel, op: string, special: Map<string, string>, pullUpBool = false): Arg[] {
  const input = model.operations[op]?.input?.shape;
  const members = input ? (model.shapes[input]?.members ?? {}) : {};
  const args: Arg[] = [];
  for (const [member, ref] of Object.entries(members)) {
    const name = xformName(member, special);
    const shape = model.shapes[ref.shape];
    if (shape?.type === 'boolean') args.push({ name, value: false }, { name: `no-${name}`, value: false });
    else if (pullUpBool && isBoolStructure(model, shape)) args.push({ name, value: 'optional' }, { name: `no-${name}`, value: false });
    else args.push({ name, value: true });
  }
  return args;
}

/**
 * toplevelbool.py: a structure whose one member is a boolean `Value` (ec2's AttributeBooleanValue)
 * becomes `--name [Value=true|false]` and `--no-name`.
 */
function isBoolStructure(model: ServiceModel, shape: Shape | undefined): boolean {
  const members = Object.entries(shape?.type === 'structure' ? (shape.members ?? {}) : {});
  return members.length === 1 && members[0]![0] === 'Value' && model.shapes[members[0]![1].shape]?.type === 'boolean';
}

/** Whether the operation's output has a streaming payload (it then takes a positional outfile). */
export function streamingOutput(model: ServiceModel, op: string): boolean {
  const output = model.operations[op]?.output?.shape;
  const shape = output ? model.shapes[output] : undefined;
  if (!shape?.payload) return false;
  const member = shape.members?.[shape.payload] as { shape: string; streaming?: boolean } | undefined;
  const target = member ? model.shapes[member.shape] : undefined;
  // `streaming` is on the member (s3 GetObjectOutput.Body) or on its shape.
  return (member?.streaming === true || target?.streaming === true) && (target?.type === 'blob' || target?.type === 'string');
}

/** Modules by dotted name, and every class and constant of awscli/customizations. */
class Customizations {
  readonly modules = new Map<string, PyModule>();
  readonly classes = new Map<string, PyClass[]>();
  readonly constants = new Map<string, Array<{ module: PyModule; expr: string }>>();
  constructor(src: GitSource) {
    for (const path of src.list(CUSTOMIZATIONS).filter((p) => p.endsWith('.py'))) {
      const module = parseModule(path, src.read(path));
      const dotted = path.replace(/\.py$/, '').replace(/\/__init__$/, '').replaceAll('/', '.');
      this.modules.set(dotted, module);
      for (const c of module.classes.values()) this.classes.set(c.name, [...(this.classes.get(c.name) ?? []), c]);
      for (const [k, v] of module.constants) this.constants.set(k, [...(this.constants.get(k) ?? []), { module, expr: v }]);
    }
  }

  findClass(name: string, near?: PyModule): PyClass | undefined {
    const all = this.classes.get(name) ?? [];
    const local = all.find((c) => c.module === near);
    if (local || !near) return local ?? all[0];
    // `from awscli.customizations.s3.subcommands import ListCommand`
    const from = new RegExp(`^from\\s+([\\w.]+)\\s+import\\s+(?:\\([^)]*\\b${name}\\b[^)]*\\)|[^\\n]*\\b${name}\\b)`, 'm').exec(near.text)?.[1];
    const imported = from ? all.find((c) => c.module === this.modules.get(from)) : undefined;
    return imported ?? all[0];
  }

  /** A constant, preferring the module the reference is in. */
  constant(name: string, near: PyModule): string | undefined {
    const local = near.constants.get(name);
    if (local !== undefined) return local;
    const all = this.constants.get(name) ?? [];
    return all.length === 1 ? all[0]!.expr : undefined;
  }

  /** A class attribute, looked up through its bases. */
  attr(cls: PyClass, attr: string, depth = 0): { expr: string; cls: PyClass } | undefined {
    const own = cls.attrs.get(attr);
    if (own !== undefined) return { expr: own, cls };
    if (depth > 8) return undefined;
    for (const base of cls.bases) {
      const b = this.findClass(base, cls.module);
      const found = b && this.attr(b, attr, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  /** The argument dicts an ARG_TABLE expression evaluates to, or null when it cannot be evaluated. */
  evalArgs(expr: string, cls: PyClass, depth = 0): Array<Map<string, string>> | null {
    if (depth > 10) return null;
    let e = expr.trim();
    while (e.startsWith('(') && closeBracket(e, 0) === e.length) e = e.slice(1, -1).trim();
    const plusTerms = splitPlus(e);
    if (plusTerms.length > 1) {
      const out: Array<Map<string, string>> = [];
      for (const t of plusTerms) {
        const part = this.evalArgs(t, cls, depth + 1);
        if (!part) return null;
        out.push(...part);
      }
      return out;
    }
    const call = /^(?:copy\.)?(?:deepcopy|copy|list)\(([\s\S]*)\)$/.exec(e);
    if (call) return this.evalArgs(call[1]!, cls, depth + 1);
    if (e.startsWith('[')) {
      const out: Array<Map<string, string>> = [];
      for (const item of splitTop(e.slice(1, closeBracket(e, 0) - 1))) {
        const one = this.evalItem(item, cls, depth + 1);
        if (!one) return null;
        out.push(...one);
      }
      return out;
    }
    const attrRef = /^(\w+)\.ARG_TABLE$/.exec(e);
    if (attrRef) {
      const base = this.findClass(attrRef[1]!, cls.module);
      const found = base && this.attr(base, 'ARG_TABLE');
      return found ? this.evalArgs(found.expr, found.cls, depth + 1) : null;
    }
    if (/^\w+$/.test(e)) {
      const value = this.constant(e, cls.module);
      return value === undefined ? null : this.evalArgs(value, cls, depth + 1);
    }
    return null;
  }

  private evalItem(item: string, cls: PyClass, depth: number): Array<Map<string, string>> | null {
    const t = item.trim();
    if (t.startsWith('{')) {
      const d = pyDict(t);
      return d ? [d] : null;
    }
    if (/^\w+$/.test(t)) {
      const value = this.constant(t, cls.module);
      if (value === undefined) return null;
      return value.trim().startsWith('{') ? this.evalItem(value, cls, depth + 1) : this.evalArgs(value, cls, depth + 1);
    }
    return null;
  }

  /** The command a BasicCommand class defines. */
  command(cls: PyClass, depth = 0): Cmd {
    const table = this.attr(cls, 'ARG_TABLE');
    const dicts = table ? this.evalArgs(table.expr, table.cls) : [];
    const cmd: Cmd = { args: [], complete: dicts !== null };
    if (!dicts) cmd.gap = `the ARG_TABLE of ${cls.name} (${cls.module.path}) is not a literal list`;
    for (const d of dicts ?? []) {
      const name = pyString(d.get('name') ?? '');
      if (!name) {
        cmd.complete = false;
        cmd.gap = `an argument of ${cls.name} (${cls.module.path}) has no literal name`;
        continue;
      }
      if (d.get('positional_arg') === 'True') {
        cmd.positional = name;
        continue;
      }
      const action = pyString(d.get('action') ?? '') ?? '';
      const nargs = d.get('nargs')?.trim();
      const value: Arg['value'] = /^store_(true|false|const)$|^count$/.test(action) ? false : nargs === "'?'" ? 'optional' : true;
      cmd.args.push({ name, value });
    }
    const subs = this.attr(cls, 'SUBCOMMANDS');
    if (subs && depth < 5) {
      cmd.sub = new Map();
      const list = subs.expr.trim().startsWith('[') ? splitTop(subs.expr.trim().slice(1, closeBracket(subs.expr.trim(), 0) - 1)) : null;
      if (!list) {
        cmd.complete = false;
        cmd.gap = `the SUBCOMMANDS of ${cls.name} are not a literal list`;
      }
      for (const item of list ?? []) {
        const d = pyDict(item);
        const name = d && pyString(d.get('name') ?? '');
        const target = d?.get('command_class')?.trim();
        const sub = target && this.findClass(target.split('.').at(-1)!, subs.cls.module);
        if (!name || !sub) {
          cmd.complete = false;
          cmd.gap = `a subcommand of ${cls.name} could not be read`;
          continue;
        }
        cmd.sub.set(name, this.command(sub, depth + 1));
      }
    }
    return cmd;
  }

  /** Commands a handler module adds to a command table: `command_table['name'] = Class(session)`. */
  addedCommands(moduleName: string): Map<string, PyClass> | null {
    const module = this.modules.get(moduleName.replace(/^awscli\.customizations\./, 'awscli.customizations.'));
    if (!module) return null;
    const out = new Map<string, PyClass>();
    for (const m of module.text.matchAll(/command_table\[\s*(?:'([\w-]+)'|"([\w-]+)"|(\w+)\.NAME)\s*\]\s*=\s*(?:\w+\.)?(\w+)\(/g)) {
      const cls = this.findClass(m[4]!, module);
      if (!cls) continue;
      const name = m[1] ?? m[2] ?? (m[3] ? pyString(this.findClass(m[3], module)?.attrs.get('NAME') ?? '') : null);
      if (name) out.set(name, cls);
    }
    return out;
  }

  /**
   * The arguments of the strategy classes (`ARGUMENT = DELETE`) in the package of a handler module
   * (awscli.customizations.s3.s3 registers the sync strategies of awscli/customizations/s3/syncstrategy).
   */
  strategyArgs(moduleName: string): Arg[] | null {
    const dir = `${moduleName.split('.').slice(0, -1).join('/')}/`;
    const out: Arg[] = [];
    for (const classes of this.classes.values()) {
      for (const cls of classes) {
        const ref = cls.attrs.get('ARGUMENT');
        if (!cls.module.path.startsWith(dir) || ref === undefined || ref === 'None') continue;
        const dicts = this.evalArgs(`[${ref}]`, cls);
        if (!dicts) return null;
        for (const d of dicts) {
          const name = pyString(d.get('name') ?? '');
          if (!name) return null;
          out.push({ name, value: /^store_(true|false|const)$/.test(pyString(d.get('action') ?? '') ?? '') ? false : true });
        }
      }
    }
    return out.length ? out : null;
  }

  /** Argument names a module mentions (`CustomArgument('name', …)`, `'name': 'x'`, `argument_table['x']`). */
  mentionedArgs(moduleName: string): string[] {
    const module = this.modules.get(moduleName);
    if (!module) return [];
    const names = new Set<string>();
    for (const m of module.text.matchAll(/(?:CustomArgument|Argument)\(\s*(?:name\s*=\s*)?['"]([\w-]+)['"]|['"]name['"]\s*:\s*['"]([\w-]+)['"]|argument_table\[\s*['"]([\w-]+)['"]\s*\]\s*=/g)) names.add(m[1] ?? m[2] ?? m[3]!);
    return [...names];
  }
}

/** `a + b + [c]` split at top-level `+`. */
function splitPlus(e: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < e.length; i++) {
    const c = e[i]!;
    if (c === '[' || c === '{' || c === '(') i = closeBracket(e, i) - 1;
    else if (c === '"' || c === "'") {
      const q = c;
      i++;
      while (i < e.length && e[i] !== q) i += e[i] === '\\' ? 2 : 1;
    } else if (c === '+') {
      out.push(e.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(e.slice(start).trim());
  return out.filter(Boolean);
}

/** Handler modules that only do what the generator models (or only remove commands). */
const MODELLED = new Set([
  'awscli.customizations.argrename',
  'awscli.customizations.removals',
  'awscli.customizations.cliinput',
  'awscli.customizations.paginate',
  'awscli.customizations.generatecliskeleton',
  'awscli.customizations.streamingoutputarg',
  'awscli.customizations.waiters',
  'awscli.customizations.toplevelbool',
  'awscli.alias',
]);

const modulePath = (dotted: string) => `${dotted.replaceAll('.', '/')}.py`;

export interface AwsData {
  globals: GenOption[];
  services: Map<string, Cmd>;
  paths: string[];
  counts: { services: number; operations: number; flags: number };
}

/** `minServices`: a sanity bound (the real tree has ~430); tests pass a small tree. */
export function awsCommands(src: GitSource, { minServices = 300 } = {}): AwsData {
  const special = xformSpecialCases(src.read('awscli/botocore/__init__.py'));
  const registryText = src.read(HANDLERS);
  const registry = handlerRegistry(registryText);
  const { renames, adds } = mainTableOps(registryText);
  const argrename = src.read(`${CUSTOMIZATIONS}/argrename.py`);
  const renamesOf = renameTable(argrename, 'ARGUMENT_RENAMES');
  const aliasesOf = renameTable(argrename, 'HIDDEN_ALIASES');
  const custom = new Customizations(src);

  // The newest api-version of each service.
  const files = src.list(BOTOCORE_DATA);
  const latest = new Map<string, string>();
  for (const f of files) {
    const m = /^awscli\/botocore\/data\/([\w-]+)\/([\d-]+)\/service-2\.json$/.exec(f);
    if (m && (!latest.has(m[1]!) || latest.get(m[1]!)! < m[2]!)) latest.set(m[1]!, m[2]!);
  }
  if (latest.size < minServices) throw new Error(`${BOTOCORE_DATA}: only ${latest.size} services`);
  const fileSet = new Set(files);
  // Services whose structure(boolean Value) arguments toplevelbool.py pulls up (`building-argument-table.ec2.*`).
  const pullUp = new Set([...registry].filter(([, modules]) => modules.includes('awscli.customizations.toplevelbool')).map(([event]) => /^building-argument-table\.([\w-]+)\.\*$/.exec(event)?.[1]).filter(Boolean));
  const services = new Map<string, Cmd>();
  let operations = 0;
  for (const [service, version] of [...latest].sort()) {
    const dir = `${BOTOCORE_DATA}/${service}/${version}`;
    const model = JSON.parse(src.read(`${dir}/service-2.json`)) as ServiceModel;
    const paginators = fileSet.has(`${dir}/paginators-1.json`) ? (JSON.parse(src.read(`${dir}/paginators-1.json`)) as { pagination: Record<string, { limit_key?: string }> }).pagination : {};
    const waiters = fileSet.has(`${dir}/waiters-2.json`) ? (JSON.parse(src.read(`${dir}/waiters-2.json`)) as { waiters: Record<string, { operation: string }> }).waiters : {};
    const cli = renames.get(service) ?? service;
    const node: Cmd = { args: [], complete: true, sub: new Map() };
    const byOperation = new Map<string, Cmd>();
    for (const op of Object.keys(model.operations)) {
      const name = xformName(op, special);
      let args = operationArgs(model, op, special, pullUp.has(cli));
      for (const r of renamesOf) if ((r.service === cli || r.service === '*') && (r.operation === name || r.operation === '*')) args = args.map((a) => (a.name === r.from ? { ...a, name: r.to } : a));
      for (const r of aliasesOf) if ((r.service === cli || r.service === '*') && (r.operation === name || r.operation === '*')) {
        const original = args.find((a) => a.name === r.from);
        if (original) args.push({ ...original, name: r.to });
      }
      const cmd: Cmd = { args, operation: true, complete: true };
      const pager = paginators[op];
      if (pager) cmd.paginate = pager.limit_key ? 2 : 1;
      if (streamingOutput(model, op)) cmd.positional = 'outfile';
      const handlers = [...(registry.get(`building-argument-table.${cli}.${name}`) ?? []), ...(registry.get(`building-argument-table.${cli}.*`) ?? [])].filter((m) => !MODELLED.has(m));
      if (handlers.length) {
        cmd.complete = false;
        cmd.gap = `arguments changed by ${[...new Set(handlers)].map(modulePath).join(', ')}`;
        const known = new Set(args.map((a) => a.name));
        for (const h of handlers) for (const a of custom.mentionedArgs(h)) if (!known.has(a)) {
          known.add(a);
          args.push({ name: a, value: 'optional' });
        }
      }
      node.sub!.set(name, cmd);
      byOperation.set(op, cmd);
      operations++;
    }
    const waiterNames = Object.entries(waiters);
    if (waiterNames.length) {
      const wait: Cmd = { args: [], complete: true, sub: new Map() };
      for (const [waiter, { operation }] of waiterNames) {
        const op = byOperation.get(operation);
        if (op) wait.sub!.set(xformName(waiter, special), { ...op, paginate: undefined, positional: undefined });
      }
      node.sub!.set('wait', wait);
    }
    services.set(cli, node);
  }

  // Hand-written top-level commands (s3, configure, ddb …).
  for (const add of adds) {
    const module = custom.modules.get(add.module);
    const cls = module?.classes.get(add.cls) ?? custom.findClass(add.cls);
    services.set(add.name, cls ? custom.command(cls) : { args: [], complete: false, gap: `${modulePath(add.module)} could not be read`, sub: new Map() });
  }
  // Hand-written commands added to a service (eks update-kubeconfig, ecr get-login-password …).
  for (const [event, modules] of registry) {
    const m = /^building-command-table\.([\w-]+)$/.exec(event);
    if (!m || m[1] === 'main') continue;
    // `s3_sync` is the lineage s3 → sync: handlers there add arguments (the sync strategies).
    const [head, ...rest] = m[1]!.split('_');
    let target = services.get(head!);
    for (const part of rest) target = target?.sub?.get(part);
    if (!target) continue;
    if (rest.length) {
      for (const module of modules) {
        const args = custom.strategyArgs(module);
        if (!args) {
          target.complete = false;
          target.gap = `arguments added by ${modulePath(module)}`;
        } else for (const a of args) if (!target.args.some((b) => b.name === a.name)) target.args.push(a);
      }
      continue;
    }
    target.sub ??= new Map();
    for (const module of modules) {
      if (MODELLED.has(module)) continue;
      const added = custom.addedCommands(module);
      if (!added?.size) {
        target.complete = false;
        target.gap = `commands added by ${modulePath(module)}`;
        continue;
      }
      for (const [name, cls] of added) target.sub.set(name, custom.command(cls));
    }
  }

  const cliJson = JSON.parse(src.read(CLI_JSON)) as { options: Record<string, { action?: string; nargs?: string }> };
  const globals: GenOption[] = Object.entries(cliJson.options).map(([name, o]) =>
    /^(store_true|store_false|version)$/.test(o.action ?? '') ? { name: [`--${name}`], isPersistent: true } : { name: [`--${name}`], args: { name: 'value' }, isPersistent: true },
  );
  let flags = 0;
  const count = (c: Cmd) => {
    flags += c.args.length;
    c.sub?.forEach(count);
  };
  services.forEach(count);
  return {
    globals: sortOptions(globals),
    services,
    paths: [CLI_JSON, `${BOTOCORE_DATA}/*/<newest api-version>/{service-2,paginators-1,waiters-2}.json`, HANDLERS, `${CUSTOMIZATIONS}/**/*.py (BasicCommand NAME, ARG_TABLE, SUBCOMMANDS; argrename.py)`, 'awscli/botocore/__init__.py (xform_name)'],
    counts: { services: services.size, operations, flags },
  };
}

/**
 * One command in the compact text form: flags separated by spaces, `name` takes a value, `!name`
 * is a switch, `?name` takes an optional value, a `--x`/`--no-x` pair of switches is `^x`; then
 * `|` and the markers: `o` (operation: the --cli-input-json, --cli-input-yaml and --generate-cli-skeleton flags), `p1`/`p2`
 * (pagination), `@name` (positional), `x` (incomplete).
 */
export function encodeFlags(cmd: Cmd): string {
  const switches = new Set(cmd.args.filter((a) => a.value === false).map((a) => a.name));
  const parts: string[] = [];
  for (const a of cmd.args) {
    if (a.value === false) {
      if (a.name.startsWith('no-') && switches.has(a.name.slice(3))) continue;
      parts.push(switches.has(`no-${a.name}`) ? `^${a.name}` : `!${a.name}`);
    } else parts.push(a.value === 'optional' ? `?${a.name}` : a.name);
  }
  const marks = [cmd.operation ? 'o' : '', cmd.paginate ? `p${cmd.paginate}` : '', cmd.positional ? `@${cmd.positional}` : '', cmd.complete ? '' : 'x'].filter(Boolean);
  return marks.length ? `${parts.join(' ')}|${marks.join(' ')}` : parts.join(' ');
}

/** The compact JSON of one service: `{ "": flags of the service itself, "<command>": flags | nested object }`. */
export function encodeCommand(cmd: Cmd): unknown {
  if (!cmd.sub?.size) return encodeFlags(cmd);
  const out: Record<string, unknown> = { '': encodeFlags(cmd) };
  if (cmd.gap) out['#'] = cmd.gap;
  for (const [name, sub] of [...cmd.sub].sort(([a], [b]) => a.localeCompare(b))) {
    out[name] = encodeCommand(sub);
    if (sub.gap && !sub.sub?.size) out[`#${name}`] = sub.gap;
  }
  return out;
}

/** The root node of the spec: the global options and one stub per service, loaded on use. */
export function awsRoot(data: AwsData): GenNode {
  return {
    name: ['aws'],
    options: data.globals,
    // The CLI parses with argparse, which takes an unambiguous prefix of a long option (`--repo`).
    parserDirectives: { allowAbbreviations: true },
    subcommands: [
      ...[...data.services.keys()].sort().map((s) => ({ name: [s], options: [], complete: true, loadSpec: `aws:${s}` })),
      // `aws help [topic]` (clidriver.py's help command; topics from awscli/topics).
      { name: ['help'], options: [], args: { name: 'topic', isVariadic: true, isOptional: true }, complete: true },
    ],
    complete: true,
  };
}
