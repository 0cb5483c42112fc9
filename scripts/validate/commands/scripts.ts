/**
 * The shipped shell scripts (`static/scripts/*.sh`, `project.scripts`) as command models, like a
 * page's shell blocks: each script is one block whose offsets are the script's own, so a problem
 * a commands/* check finds is reported at the script's `line:column`. Built once per run.
 *
 * Scripts call their tools through small pass-through functions (`k() { kubectl --context "$CONTEXT"
 * --namespace "$NAMESPACE" "$@"; }`, `change() { … k "$@" …; }`): a call of one is checked as the
 * tool's command it runs, at the call's position; `"${args[@]}"` of an array assigned once stands for
 * the words of its assignment. A `# validate-ignore <rule>: <reason>` comment on
 * the line above a command silences that rule there, with its reason, as the marker does in pages.
 */
import type { Code } from 'mdast';
import type { Project, ScriptFile } from '../engine/types.ts';
import { projectFact } from '../engine/facts.ts';
import type { ShellBlock } from './blocks.ts';
import { blankLines, nonCommandLines } from './not-commands.ts';
import { parseShell, type SimpleCommand, type Word } from './parse.ts';
import { resolve, type BlockAnalysis, type ResolvedCommand } from './model.ts';

/** A pass-through function: the command it runs with the caller's arguments (`"$@"`), after fixed words. */
interface Alias {
  name: string;
  prefix: Array<Pick<Word, 'value' | 'open'>>;
}

const DEFINITION = /^([A-Za-z_][\w-]*)\s*\(\)\s*\{/gm;

/** `name() { tool fixed… "$@"; }`: every call of `"$@"` in the body is the same command. */
function aliases(text: string): Map<string, Alias> {
  const out = new Map<string, Alias>();
  for (const m of text.matchAll(DEFINITION)) {
    const open = m.index + m[0].length;
    // A one-line body ends with its line; a longer one at the first `}` alone at the start of a line.
    const lineEnd = text.indexOf('\n', open);
    const oneLine = text.slice(open, lineEnd < 0 ? undefined : lineEnd).trimEnd().endsWith('}');
    const end = oneLine ? lineEnd : text.indexOf('\n}', open);
    const body = text.slice(open, end < 0 ? undefined : end);
    const calls = [...parseShell(body).commands].filter((c) => c.args.some((a) => a.raw === '"$@"'));
    const names = new Set(calls.map((c) => c.name.value));
    if (calls.length === 0 || names.size !== 1 || names.has(null)) continue;
    // The call without a `--dry-run` of its own is the real run (`if $DRY_RUN; then k "$@" --dry-run=server; else k "$@"; fi`).
    const call = calls.find((c) => !c.args.some((a) => a.value?.startsWith('--dry-run'))) ?? calls[0]!;
    const at = call.args.findIndex((a) => a.raw === '"$@"');
    out.set(m[1]!, { name: call.name.value!, prefix: call.args.slice(0, at).map((a) => ({ value: a.value, open: a.open })) });
  }
  return out;
}

const ARRAY = /^[ \t]*([A-Za-z_]\w*)=\(/gm;

/**
 * Arrays assigned once (`upgrade_args=(upgrade "$RELEASE" --version "$VERSION" …)`), as the words
 * they hold, at their positions in the script: `"${upgrade_args[@]}"` stands for them.
 */
function arrays(text: string): Map<string, Word[]> {
  const found = new Map<string, Word[] | null>();
  for (const m of text.matchAll(ARRAY)) {
    const open = m.index + m[0].length;
    const close = text.indexOf(')', open);
    if (close < 0) continue;
    // Parsed as the arguments of `:`, padded so that offsets are the script's.
    const words = parseShell(' '.repeat(open - 2) + ': ' + text.slice(open, close)).commands[0]?.args ?? [];
    found.set(m[1]!, found.has(m[1]!) ? null : words);
  }
  return new Map([...found].filter((e): e is [string, Word[]] => e[1] !== null));
}

/** `"${name[@]}"` of an array assigned once: its words. */
function spread(command: SimpleCommand, held: Map<string, Word[]>): SimpleCommand {
  if (!command.args.some((a) => /^"?\$\{\w+\[@\]\}"?$/.test(a.raw))) return command;
  const args = command.args.flatMap((a) => {
    const m = /^"?\$\{(\w+)\[@\]\}"?$/.exec(a.raw);
    return m && held.has(m[1]!) ? held.get(m[1]!)! : [a];
  });
  return { ...command, args };
}

/** A call of a pass-through function as the command it runs (recursively), at the call's position. */
function expand(command: SimpleCommand, table: Map<string, Alias>, depth = 0): SimpleCommand {
  const alias = command.name.value !== null ? table.get(command.name.value) : undefined;
  if (!alias || depth > 4) return command;
  const at = command.name.start;
  const word = (w: Pick<Word, 'value' | 'open'>, raw: string): Word => ({ value: w.value, open: w.open, raw, start: at, end: at });
  const name: Word = { ...command.name, value: alias.name };
  return expand({ ...command, name, args: [...alias.prefix.map((w) => word(w, '')), ...command.args] }, table, depth + 1);
}

function analyzeScript(script: ScriptFile, project: Project): BlockAnalysis {
  const node: Code = { type: 'code', lang: 'bash', value: script.text };
  // One "line" starting at 0 in both: an offset in the script is its own offset.
  const block: ShellBlock = { node, lang: 'bash', text: script.text, lineStarts: [0], mdStarts: [0], sectionStart: 0, admonitions: [], start: 0 };
  const first = parseShell(script.text);
  const nonCommands = nonCommandLines(first);
  const parsed = nonCommands.length ? parseShell(blankLines(script.text, nonCommands)) : first;
  const table = aliases(script.text);
  const functions = new Set([...parsed.functions].filter((f) => !table.has(f)));
  const commands: ResolvedCommand[] = [];
  const held = arrays(script.text);
  for (const c of parsed.commands) resolve(expand(spread(c, held), table), project, functions, commands);
  return { block, parsed, commands, nonCommands, at: (offset) => ({ offset }) };
}

/** Each script of the run with its command model, by path. */
export const SCRIPT_ANALYSIS = projectFact('script-commands', (project) => new Map(project.scripts.map((s) => [s.path, analyzeScript(s, project)] as const)));

const MARKER = /#\s*validate-ignore\s+([\w/-]+(?:\s*,\s*[\w/-]+)*)\s*:\s*\S/;

/** Whether a `# validate-ignore <rule>: <reason>` comment on the line above `offset` (or on its line) silences `rule`. */
export function silencedInScript(script: ScriptFile, rule: string, offset: number): boolean {
  const { line } = script.lines.position(offset);
  const lines = script.text.split('\n');
  return [lines[line - 1], lines[line - 2]].some((l) => {
    const m = l === undefined ? null : MARKER.exec(l);
    return !!m && m[1]!.split(',').map((r) => r.trim()).includes(rule);
  });
}

/** The scripts whose problems this run reports, each with its command model (one block). */
export function scriptsFor(project: Project): Array<{ script: ScriptFile; analyses: BlockAnalysis[] }> {
  const targets = project.scripts.filter((s) => project.targets.has(s.path));
  if (targets.length === 0) return [];
  const all = project.facts.get(SCRIPT_ANALYSIS);
  return targets.map((script) => ({ script, analyses: [all.get(script.path)!] }));
}
