/**
 * The command model of a page, built once per file and shared by every commands/* check: its shell
 * blocks (blocks.ts), each parsed once (parse.ts, cached by content), each simple command resolved
 * (wrappers such as `sudo`/`watch`/`timeout` unwrapped) and interpreted against its spec (specs.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DocFile, Project } from '../engine/types.ts';
import { fileFact, projectFact } from '../engine/facts.ts';
import { pathExists, recordingInputsOf } from '../engine/local-results.ts';
import { shellBlocks, toSource, type ShellBlock } from './blocks.ts';
import { blankLines, nonCommandLines, type NonCommandLine } from './not-commands.ts';
import { parseShell, type ParsedShell, type SimpleCommand, type Word } from './parse.ts';
import { interpret, specFor, toolbox, type Interpretation } from './specs.ts';

/** Shell builtins and keywords (bash 5): always known. */
export const BUILTINS = new Set(
  ('. : [ [[ alias bg bind break builtin caller cd command compgen complete compopt continue declare dirs disown echo enable ' +
    'eval exec exit export false fc fg getopts hash help history jobs kill let local logout mapfile popd printf pushd pwd read ' +
    'readarray readonly return set shift shopt source suspend test time times trap true type typeset ulimit umask unalias unset wait ' +
    'if then else elif fi case esac for while until do done function select nohup')
    .split(' '),
);

/** Commands that run the command that follows them; the inner command is checked too. */
const WRAPPERS: Record<string, { valueFlags: string[]; positionalsBefore?: number }> = {
  sudo: { valueFlags: ['-u', '-g', '-C', '-h', '-p', '-U', '-r', '-t', '-D'] },
  env: { valueFlags: ['-u', '-C', '-S', '--unset', '--chdir'] },
  time: { valueFlags: ['-f', '-o'] },
  nohup: { valueFlags: [] },
  exec: { valueFlags: ['-a'] },
  command: { valueFlags: [] },
  watch: { valueFlags: ['-n', '--interval', '-d', '-q'] },
  timeout: { valueFlags: ['-s', '--signal', '-k', '--kill-after'], positionalsBefore: 1 },
  xargs: { valueFlags: ['-I', '-n', '-P', '-d', '-L', '-a', '-E', '-s', '--max-args', '--max-procs', '--delimiter', '--arg-file', '--replace', '-i'] },
};

export interface ResolvedCommand {
  command: SimpleCommand;
  /** Static name, or null when it expands at run time (`$EDITOR`). */
  name: string | null;
  kind: 'builtin' | 'tool' | 'script' | 'function' | 'unknown' | 'open';
  interp: (Interpretation & { candidates: Map<number, string[]> }) | null;
  /** Set when this command was unwrapped from a wrapper (`sudo`, `watch`, …). */
  wrappedBy?: string;
}

export interface BlockAnalysis {
  block: ShellBlock;
  parsed: ParsedShell;
  commands: ResolvedCommand[];
  /** Lines that are output, YAML, JSON or PromQL, not commands (blanked in `parsed`; not in console blocks). */
  nonCommands: NonCommandLine[];
  /** .md offset of a position in the block's virtual text. */
  at(offset: number): { offset: number };
}

/** Which `./path/script.sh` names exist in the repository, looked up once per run. */
const SCRIPTS_ON_DISK = projectFact('scripts-on-disk', () => new Map<string, boolean>());
function isScript(project: Project, name: string): boolean {
  if (!name.includes('/')) return false;
  const rel = name.replace(/^\.\//, '');
  if (rel.startsWith('/') || rel.includes('..')) return false;
  const known = project.facts.get(SCRIPTS_ON_DISK);
  if (!known.has(rel)) known.set(rel, existsSync(join(project.root, rel)));
  // An input of the doc being checked: its stored reports are reused only while this still holds.
  return pathExists(project.root, rel, known.get(rel)!);
}

/** `sudo -u x kubectl …` → the `kubectl …` command (recursively). */
function unwrap(command: SimpleCommand): { inner: SimpleCommand; by: string } | null {
  const name = command.name.value;
  const wrapper = name ? WRAPPERS[name] : undefined;
  if (!wrapper || !name) return null;
  let i = 0;
  let before = wrapper.positionalsBefore ?? 0;
  const args = command.args;
  while (i < args.length) {
    const v = args[i]!.value;
    if (v === null) break;
    if (v === '--') {
      i++;
      break;
    }
    if (v.startsWith('-') && v.length > 1) {
      i += wrapper.valueFlags.includes(v) ? 2 : 1;
      continue;
    }
    if (name === 'env' && /^[A-Za-z_]\w*=/.test(v)) {
      i++;
      continue;
    }
    if (before > 0) {
      before--;
      i++;
      continue;
    }
    break;
  }
  const nameWord = args[i];
  if (!nameWord || nameWord.value?.includes(' ')) return null;
  return { inner: { ...command, name: nameWord, args: args.slice(i + 1) }, by: name };
}

export function resolve(command: SimpleCommand, project: Project, functions: Set<string>, out: ResolvedCommand[], wrappedBy?: string) {
  const name = command.name.open ? null : command.name.value;
  let kind: ResolvedCommand['kind'];
  if (name === null) kind = 'open';
  else if (functions.has(name)) kind = 'function';
  else if (toolbox.tools[name]) kind = 'tool';
  else if (BUILTINS.has(name)) kind = 'builtin';
  else if (isScript(project, name)) kind = 'script';
  else kind = 'unknown';
  const interp = kind === 'tool' && name ? interpret(command, specFor(name), name) : null;
  out.push({ command, name, kind, interp, wrappedBy });
  // `kubectl exec <pod> -- psql -c …`: the command after `--` runs too.
  if (interp && name === 'kubectl' && (interp.path[0] === 'exec' || interp.path[0] === 'debug') && interp.afterDashes.length > 0) {
    const [first, ...rest] = interp.afterDashes;
    if (first && !first.open) resolve({ ...command, name: first, args: rest }, project, functions, out, `kubectl ${interp.path[0]}`);
  }
  const inner = unwrap(command);
  if (inner) resolve(inner.inner, project, functions, out, inner.by);
}

/** Every shell block of `file`, parsed and resolved (derived once per file and run). */
export const BLOCK_ANALYSIS = fileFact('block-analysis', (file, project): BlockAnalysis[] => recordingInputsOf(file, () => {
  const blocks = shellBlocks(file, project);
  // Output, YAML, JSON or PromQL pasted into a bash block: blanked, then parsed again (same offsets).
  const first = blocks.map((b) => parseShell(b.text));
  const nonCommands = blocks.map((b, i) => (b.lang === 'console' ? [] : nonCommandLines(first[i]!)));
  const parsed = blocks.map((b, i) => (nonCommands[i]!.length ? parseShell(blankLines(b.text, nonCommands[i]!)) : first[i]!));
  // Functions defined anywhere on the page are commands of the page.
  const functions = new Set(parsed.flatMap((p) => [...p.functions]));
  return blocks.map((block, i): BlockAnalysis => {
    const commands: ResolvedCommand[] = [];
    for (const c of parsed[i]!.commands) resolve(c, project, functions, commands);
    return { block, parsed: parsed[i]!, commands, nonCommands: nonCommands[i]!, at: (offset) => ({ offset: toSource(block, offset) }) };
  });
}));

export const analyze = (file: DocFile, project: Project): BlockAnalysis[] => project.facts.of(BLOCK_ANALYSIS, file);

/** A word's static value, or undefined when it is open (placeholder or expansion). */
export const closed = (w: Word | undefined): string | undefined => (w && !w.open && w.value !== null ? w.value : undefined);

/**
 * The analysed blocks of `file`, for the check `rule`. Every block: `validate-ignore` markers are
 * applied by the runner to the problems, for every check alike.
 */
export function blocksFor(file: DocFile, project: Project, _rule: string): BlockAnalysis[] {
  if (file.status !== 'ok' || !file.tree) return [];
  return analyze(file, project);
}
