/**
 * Subcommands and flags, validated against completion specs: @withfig/autocomplete (a maintained
 * library of CLI specs, node_modules/@withfig/autocomplete/build/<cmd>.js), with the local
 * corrections of overrides.ts. The toolbox (src/data/toolbox.yml) says which spec each tool uses.
 *
 * Specs are ES modules; they are loaded lazily and synchronously with `require` (Node ≥ 20.19 can
 * require ES modules), including Fig's lazy `loadSpec` subcommands (aws), and cached.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { toolboxSchema, type Toolbox } from '../../../core/schemas/toolbox.ts';
import { awsService } from './aws-spec.ts';
import { applyOverrides, LOCAL_SPECS } from './overrides.ts';
import type { SimpleCommand, Word } from './parse.ts';

export type { FigArg, FigOption, FigSpec } from './spec-types.ts';
import type { FigOption, FigSpec } from './spec-types.ts';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
export const TOOLBOX_FILE = 'src/data/toolbox.yml';
let figBuild: string | null = null;
try {
  figBuild = join(dirname(require.resolve('@withfig/autocomplete/package.json')), 'build');
} catch {
  // @withfig/autocomplete only exports its index; resolve the package folder by path instead.
  figBuild = join(here, '..', '..', '..', 'node_modules', '@withfig', 'autocomplete', 'build');
}

export const names = (n: string | string[]): string[] => (Array.isArray(n) ? n : [n]);

/** The toolbox, read once from the repository. `error` says why it could not be used. */
export const toolbox: { tools: Toolbox['tools']; error?: string; text: string } = (() => {
  let text = '';
  try {
    text = readFileSync(join(here, '..', '..', '..', TOOLBOX_FILE), 'utf8');
    const result = toolboxSchema.safeParse(parseYaml(text));
    if (result.success) return { tools: result.data.tools, text };
    const issue = result.error.issues[0]!;
    return { tools: {}, text, error: `${issue.path.join('.')}: ${issue.message}` };
  } catch (error) {
    return { tools: {}, text, error: error instanceof Error ? error.message : String(error) };
  }
})();

const loaded = new Map<string, FigSpec | null>();

function requireFig(name: string): FigSpec | null {
  if (loaded.has(name)) return loaded.get(name)!;
  let spec: FigSpec | null = null;
  try {
    if (/^[\w@./+-]+$/.test(name) && !name.includes('..') && figBuild) {
      const mod = require(join(figBuild, `${name}.js`)) as { default?: unknown };
      spec = typeof mod.default === 'object' && mod.default !== null ? (mod.default as FigSpec) : null;
    }
  } catch {
    spec = null;
  }
  loaded.set(name, spec);
  return spec;
}


/** Where `spec: generated` tools keep their command trees (written by `npm run generate:specs`). */
export const GENERATED_SPECS = 'scripts/validate/commands/specs';

/** The generated spec of `tool`, with its source (scripts/specs/generate.ts writes them). */
export function generatedSpec(tool: string): FigSpec | null {
  try {
    const data = JSON.parse(readFileSync(join(here, 'specs', `${tool}.json`), 'utf8')) as { spec: FigSpec };
    return data.spec;
  } catch {
    return null;
  }
}

/** Where a tool's spec comes from, for messages about its gaps. */
export function specOrigin(tool: string): string {
  const entry = toolbox.tools[tool];
  if (!entry) return 'no spec';
  if (entry.spec === 'generated') return `${GENERATED_SPECS}/${tool}.json`;
  if (entry.spec === 'local') return 'the local spec in scripts/validate/commands/overrides.ts';
  return `the @withfig/autocomplete spec \`${entry.spec}\`, which may lag ${tool} ${entry.version}`;
}

const specs = new Map<string, FigSpec | null>();

/** The spec a tool is checked with, or null when its flags are not checked (`spec: none`). */
export function specFor(tool: string): FigSpec | null {
  if (specs.has(tool)) return specs.get(tool)!;
  const entry = toolbox.tools[tool];
  let spec: FigSpec | null = null;
  if (entry && entry.spec !== 'none') {
    const base = entry.spec === 'generated' ? generatedSpec(tool) : entry.spec === 'local' ? (LOCAL_SPECS[tool]?.() ?? null) : requireFig(entry.spec);
    spec = base ? applyOverrides(tool, base, requireFig) : null;
  }
  specs.set(tool, spec);
  return spec;
}

/** A lazily loaded subcommand (`loadSpec: 'aws/s3'`), merged into its stub. */
export function resolveSub(sub: FigSpec): FigSpec {
  // A service of the generated aws spec, decoded on use (aws-spec.ts).
  if (typeof sub.loadSpec === 'string' && sub.loadSpec.startsWith('aws:')) return awsService(sub.loadSpec.slice(4)) ?? { ...sub, complete: false, gap: 'specs/aws.services.json has no entry' };
  if (typeof sub.loadSpec !== 'string') return sub.loadSpec ? { ...sub, looseOptions: true, args: { isVariadic: true } } : sub;
  const loadedSpec = requireFig(sub.loadSpec);
  if (!loadedSpec) return { ...sub, looseOptions: true, args: { isVariadic: true } };
  return { ...loadedSpec, name: sub.name };
}

export interface UsedOption {
  option: FigOption;
  /** The name as written (`-n`, `--namespace`). */
  written: string;
  word: Word;
  value?: Word | { value: string; raw: string; start: number; end: number; open: boolean };
}

export interface Interpretation {
  tool: string;
  /** Subcommand names as resolved (`['rollout', 'undo']`). */
  path: string[];
  options: UsedOption[];
  positionals: Word[];
  /** Words after `--` (kubectl exec … -- cmd). */
  afterDashes: Word[];
  /** `word` is the flag or subcommand as written, `command` the tool and subcommands before it; `complete` whether the node's lists are complete. */
  problems: Array<{ start: number; message: string; kind: 'subcommand' | 'flag' | 'value'; word: string; command: string; complete: boolean; gap?: string }>;
}

const takesValue = (o: FigOption) => {
  const args = o.args === undefined ? [] : Array.isArray(o.args) ? o.args : [o.args];
  return args.length > 0 && !args.every((a) => a.isOptional);
};
const optionalValue = (o: FigOption) => {
  const args = o.args === undefined ? [] : Array.isArray(o.args) ? o.args : [o.args];
  return args.length > 0 && args.every((a) => a.isOptional);
};
const hasArgs = (s: FigSpec) => s.args !== undefined && (!Array.isArray(s.args) || s.args.length > 0);

const NUMBER = /^-\d+$/;

/** The one option with a long name starting with `prefix`, if exactly one has. */
function uniquePrefix(options: FigOption[], prefix: string): FigOption | undefined {
  const matches = options.filter((o) => names(o.name).some((n) => n.startsWith(prefix)));
  return matches.length === 1 ? matches[0] : undefined;
}

const indexes = new WeakMap<FigSpec, Map<string, FigOption>>();
function optionIndex(node: FigSpec): Map<string, FigOption> {
  let index = indexes.get(node);
  if (!index) {
    index = new Map();
    for (const o of node.options ?? []) for (const n of names(o.name)) if (!index.has(n)) index.set(n, o);
    indexes.set(node, index);
  }
  return index;
}

/**
 * Walks a command's words through its spec (like Fig's parser): subcommands, long and short
 * options, `--opt=value`, `-n value`, combined short flags (`-it`), persistent options of parent
 * commands, `--` ending options. Unknown subcommands and flags and flags missing their value are
 * problems, each with a "did you mean" candidate list in `candidates`.
 */
export function interpret(command: SimpleCommand, spec: FigSpec | null, tool: string): Interpretation & { candidates: Map<number, string[]> } {
  const out: Interpretation & { candidates: Map<number, string[]> } = {
    tool,
    path: [],
    options: [],
    positionals: [],
    afterDashes: [],
    problems: [],
    candidates: new Map(),
  };
  const words = command.args;
  if (!spec) {
    // No spec: positionals and flags as written; nothing is a problem.
    let dashes = false;
    for (const w of words) {
      if (dashes) out.afterDashes.push(w);
      else if (w.value === '--') dashes = true;
      else if (w.value?.startsWith('-') && w.value.length > 1 && !NUMBER.test(w.value)) {
        const eq = w.value.indexOf('=');
        const written = eq > 0 ? w.value.slice(0, eq) : w.value;
        out.options.push({ option: { name: written }, written, word: w, value: eq > 0 ? { ...w, value: w.value.slice(eq + 1) } : undefined });
      } else out.positionals.push(w);
    }
    return out;
  }
  let node = spec;
  let persistent: FigOption[] = [];
  const available = () => [...(node.options ?? []), ...persistent];
  // Options by name, per node (generated specs have hundreds of flags: curl, git log).
  const go = spec.parserDirectives?.goFlags === true;
  const lookup = (name: string) => optionIndex(node).get(name) ?? persistent.find((o) => names(o.name).includes(name));
  // Go's flag package (terraform): `--flag` is `-flag`.
  const find = (name: string) => lookup(name) ?? (go && name.startsWith('--') ? lookup(name.slice(1)) : undefined);
  const allNames = () => available().flatMap((o) => names(o.name));
  let dashes = false;
  let sawPositional = false;
  const posix = !node.parserDirectives?.flagsArePosixNoncompliant && !go;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const v = w.value;
    if (dashes) {
      out.afterDashes.push(w);
      continue;
    }
    if (v === null || (w.open && !(v.startsWith('-') && !/^-+_/.test(v)))) {
      out.positionals.push(w);
      sawPositional = true;
      continue;
    }
    if (v === '--') {
      dashes = true;
      continue;
    }
    if (sawPositional && spec.parserDirectives?.optionsMustPrecedeArguments) {
      out.positionals.push(w);
      continue;
    }
    const isFlag = v.startsWith('-') && v.length > 1 && !NUMBER.test(v) && !(node.looseOptions ?? false);
    if (v.startsWith('-') && node.looseOptions) {
      out.options.push({ option: { name: v }, written: v, word: w });
      continue;
    }
    if (isFlag) {
      const eq = v.indexOf('=');
      const written = eq > 0 ? v.slice(0, eq) : v;
      const inline = eq > 0 ? { value: v.slice(eq + 1), raw: w.raw, start: w.start + eq + 1, end: w.end, open: w.open } : undefined;
      // argparse (the AWS CLI) also takes an unambiguous prefix of a long option: `--repo` for `--repository`.
      // openssl takes its single-dash options with two dashes too (`--noout`).
      const option =
        find(written) ??
        (spec.parserDirectives?.allowAbbreviations && written.startsWith('--') ? uniquePrefix(available(), written) : undefined) ??
        (spec.parserDirectives?.allowDoubleDash && written.startsWith('--') ? find(written.slice(1)) : undefined);
      const consumeValue = (opt: FigOption, name: string) => {
        const next = words[i + 1];
        const nextIsFlag = next?.value?.startsWith('--') && find(next.value.split('=')[0]!) !== undefined;
        if (!next || nextIsFlag) {
          out.problems.push({ start: w.start, message: `flag \`${name}\` needs a value`, kind: 'value', word: name, command: [tool, ...out.path].join(' '), complete: node.complete === true, gap: node.gap });
          out.options.push({ option: opt, written: name, word: w });
        } else {
          out.options.push({ option: opt, written: name, word: w, value: next });
          i++;
        }
      };
      if (option) {
        if (inline || !takesValue(option) || optionalValue(option)) out.options.push({ option, written, word: w, value: inline });
        else consumeValue(option, written);
        continue;
      }
      if (posix && !v.startsWith('--') && v.length > 2) {
        // Combined short flags: `-it`, `-ojson`, `-n100`.
        let ok = true;
        for (let k = 1; k < v.length; k++) {
          const short = find(`-${v[k]}`);
          if (!short) {
            ok = false;
            break;
          }
          if (takesValue(short)) {
            const rest = v.slice(k + 1).replace(/^=/, '');
            if (rest) out.options.push({ option: short, written: `-${v[k]}`, word: w, value: { value: rest, raw: rest, start: w.start + k + 1, end: w.end, open: w.open } });
            else consumeValue(short, `-${v[k]}`);
            break;
          }
          out.options.push({ option: short, written: `-${v[k]}`, word: w });
        }
        if (ok) continue;
      }
      out.problems.push({ start: w.start, message: `unknown flag \`${written}\` for \`${[tool, ...out.path].join(' ')}\``, kind: 'flag', word: written, command: [tool, ...out.path].join(' '), complete: node.complete === true, gap: node.gap });
      out.candidates.set(out.problems.length - 1, allNames());
      continue;
    }
    // A positional: a subcommand, or an argument.
    const subs = node.subcommands ?? [];
    const sub = !sawPositional ? subs.find((s) => names(s.name).includes(v)) : undefined;
    if (sub) {
      persistent = [...persistent, ...(node.options ?? []).filter((o) => o.isPersistent)];
      node = resolveSub(sub);
      out.path.push(v);
      continue;
    }
    if (subs.length > 0 && !sawPositional && !hasArgs(node) && !w.open) {
      // gh: extensions and aliases make the subcommand list open-ended (`subcommandsGap`), its flags not.
      out.problems.push({ start: w.start, message: `unknown subcommand \`${v}\` for \`${[tool, ...out.path].join(' ')}\``, kind: 'subcommand', word: v, command: [tool, ...out.path].join(' '), complete: node.complete === true && !node.subcommandsGap, gap: node.subcommandsGap ?? node.gap });
      out.candidates.set(out.problems.length - 1, subs.flatMap((s) => names(s.name)));
      // Nothing after an unknown subcommand can be checked.
      return out;
    }
    out.positionals.push(w);
    sawPositional = true;
  }
  return out;
}

/** The first value of any of `flags` (`-n`, `--namespace`). */
export function optionValue(interp: Interpretation, ...flags: string[]): UsedOption | undefined {
  return interp.options.find((o) => flags.includes(o.written) || names(o.option.name).some((n) => flags.includes(n)));
}
