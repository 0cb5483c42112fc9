/**
 * How far the commands/* checks can be trusted, measured on real commands from the tools' own
 * documentation (tests/fixtures/commands-real/commands.json, `npm run generate:corpus`):
 *
 * - false positives: commands that get any error from commands/syntax, commands/unknown-command or
 *   commands/flags (each command alone in a ```bash block, as a reader would paste it); and, apart,
 *   real commands that commands/not-a-command takes for output, YAML, JSON or PromQL;
 * - typo-mutation recall: each command name, first subcommand and long flag (5+ characters) of the
 *   corpus mutated (a letter dropped, swapped with the next, doubled; a few per word), each mutant
 *   alone in a block: the share reported at the mutated word (as an error or a warning).
 *
 * Used by `npm run bench:commands` (figures) and tests/unit/commands-real.test.ts (bounds).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Check } from '../validate/engine/check.ts';
import { projectFromMemory } from '../validate/engine/load.ts';
import { runChecks } from '../validate/engine/runner.ts';
import { BUILTINS, analyze } from '../validate/commands/model.ts';
import { names, resolveSub, specFor, toolbox, type FigSpec } from '../validate/commands/specs.ts';

const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
export const REAL_CORPUS = 'tests/fixtures/commands-real/commands.json';
export const FP_RULES = ['commands/syntax', 'commands/unknown-command', 'commands/flags'];

export type { CorpusCommand } from '../specs/corpus.ts';
import type { CorpusCommand } from '../specs/corpus.ts';

export const loadCorpus = (): CorpusCommand[] => JSON.parse(readFileSync(join(ROOT, REAL_CORPUS), 'utf8')) as CorpusCommand[];

const PER_PAGE = 100;
const HEADER = '# Commands\n\n:::danger\nReference commands, copied from upstream documentation.\n:::\n\n';
const headerLines = HEADER.split('\n').length - 1;

function project(files: Record<string, string>) {
  const p = projectFromMemory(ROOT, files, { strictReviews: false, now: new Date('2026-11-23T12:00:00Z') });
  p.targets = new Set(Object.keys(files));
  return p;
}

/** Pages holding one command per ```bash block; `at(file, line)` → the command on that line. */
function pages(commands: string[]) {
  const files: Record<string, string> = {};
  const where = new Map<string, number>();
  for (let start = 0; start < commands.length; start += PER_PAGE) {
    const path = `docs/real/p${start / PER_PAGE}.md`;
    let text = HEADER;
    let line = headerLines + 1;
    commands.slice(start, start + PER_PAGE).forEach((c, k) => {
      const body = c.split('\n');
      for (let j = 0; j < body.length; j++) where.set(`${path}:${line + 1 + j}`, start + k);
      text += `\`\`\`bash\n${c}\n\`\`\`\n\n`;
      line += body.length + 3;
    });
    files[path] = text;
  }
  return { files, where };
}

export interface FalsePositive {
  command: CorpusCommand;
  problems: string[];
}

export function falsePositives(corpus: CorpusCommand[], checks: Check[]): { total: number; flagged: FalsePositive[]; warned: number; misread: FalsePositive[] } {
  const rules = checks.filter((c) => FP_RULES.includes(c.id) || c.id === 'commands/not-a-command');
  const { files, where } = pages(corpus.map((c) => c.command));
  const problems = runChecks(project(files), rules);
  const byCommand = new Map<number, string[]>();
  const warnedCommands = new Set<number>();
  const misread: FalsePositive[] = [];
  for (const p of problems) {
    const i = where.get(`${p.file}:${p.line}`);
    if (i === undefined) continue;
    // A real command taken for output, YAML, JSON or PromQL (counted apart: not one of the FP rules).
    if (p.rule === 'commands/not-a-command') {
      misread.push({ command: corpus[i]!, problems: [p.message] });
      continue;
    }
    if (p.severity !== 'error') {
      warnedCommands.add(i);
      continue;
    }
    byCommand.set(i, [...(byCommand.get(i) ?? []), `${p.rule}: ${p.message}`]);
  }
  return {
    total: corpus.length,
    flagged: [...byCommand.entries()].sort((a, b) => a[0] - b[0]).map(([i, list]) => ({ command: corpus[i]!, problems: list })),
    warned: [...warnedCommands].filter((i) => !byCommand.has(i)).length,
    misread,
  };
}

/** Typo mutations of a word: drop, swap adjacent, duplicate a letter (deterministic, a few per word). */
export function mutations(word: string): string[] {
  const out = new Set<string>();
  const letters = [...word].map((ch, i) => (/[a-z]/i.test(ch) ? i : -1)).filter((i) => i >= 0);
  const pick = [letters[1] ?? letters[0], letters[Math.floor(letters.length / 2)], letters[letters.length - 2]].filter((i): i is number => i !== undefined);
  for (const i of pick) {
    out.add(word.slice(0, i) + word.slice(i + 1));
    if (i + 1 < word.length && word[i] !== word[i + 1] && /[a-z]/i.test(word[i + 1]!)) out.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    out.add(word.slice(0, i + 1) + word[i] + word.slice(i + 1));
  }
  out.delete(word);
  return [...out].filter((m) => m.replace(/^-+/, '').length > 0);
}

/** Every flag a spec accepts at `path` (its own and its ancestors'). */
export function optionNames(spec: FigSpec, path: string[]): Set<string> {
  const out = new Set<string>();
  let node: FigSpec | undefined = spec;
  const visit = (s: FigSpec) => (s.options ?? []).forEach((o) => names(o.name).forEach((n) => out.add(n)));
  visit(spec);
  for (const part of path) {
    const sub: FigSpec | undefined = node?.subcommands?.find((s) => names(s.name).includes(part));
    node = sub && resolveSub(sub);
    if (node) visit(node);
  }
  return out;
}

export interface Mutant {
  text: string;
  /** 0-based offset of the mutated word in `text`. */
  start: number;
  what: string;
}

/** Mutants of the corpus's command names, first subcommands and long flags (only mutants that are not valid themselves). */
export function mutants(commands: string[]): Mutant[] {
  const { files } = pages(commands);
  const base = project(files);
  const known = new Set([...Object.keys(toolbox.tools), ...BUILTINS]);
  const out: Mutant[] = [];
  for (const file of base.files) {
    for (const a of analyze(file, base)) {
      for (const c of a.commands) {
        if (c.kind !== 'tool' || !c.interp || !c.name || !specFor(c.name) || c.wrappedBy) continue;
        // Mutate only commands the checks accept as written (a mutant of a flagged command proves nothing).
        if (c.interp.problems.length) continue;
        const spec = specFor(c.name)!;
        const targets: Array<{ start: number; word: string; valid: (m: string) => boolean }> = [{ start: c.command.name.start, word: c.name, valid: (m) => known.has(m) }];
        const sub = c.interp.path[0];
        const subWord = c.command.args.find((w) => w.value === sub);
        if (sub && subWord && !spec.args) targets.push({ start: subWord.start, word: sub, valid: (m) => (spec.subcommands ?? []).some((s) => names(s.name).includes(m)) });
        const valid = optionNames(spec, c.interp.path);
        for (const o of c.interp.options) {
          if (!o.written.startsWith('--') || o.written.length < 5 || o.word.value !== o.word.raw.split('=')[0] + (o.word.raw.includes('=') ? o.word.raw.slice(o.word.raw.indexOf('=')) : '')) continue;
          targets.push({ start: o.word.start, word: o.written, valid: (m) => valid.has(m) });
        }
        for (const t of targets) {
          for (const m of mutations(t.word)) {
            if (t.valid(m)) continue;
            const text = a.parsed.text.slice(0, t.start) + m + a.parsed.text.slice(t.start + t.word.length);
            const lineStart = text.lastIndexOf('\n', t.start - 1) + 1;
            const lineEnd = text.indexOf('\n', t.start);
            out.push({ text: text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd), start: t.start - lineStart, what: `${t.word} → ${m}` });
          }
        }
      }
    }
  }
  return out;
}

export function mutationRecall(commands: string[], checks: Check[]): { total: number; caught: number; asError: number; missed: Mutant[] } {
  const list = mutants(commands);
  const rules = checks.filter((c) => c.id === 'commands/unknown-command' || c.id === 'commands/flags');
  const { files, where } = pages(list.map((m) => m.text));
  const problems = runChecks(project(files), rules);
  const at = new Map<string, string>();
  for (const p of problems) {
    const i = where.get(`${p.file}:${p.line}`);
    if (i === undefined) continue;
    const key = `${i}:${p.column - 1}`;
    if (at.get(key) !== 'error') at.set(key, p.severity);
  }
  const missed: Mutant[] = [];
  let asError = 0;
  list.forEach((m, i) => {
    const severity = at.get(`${i}:${m.start}`);
    if (!severity) missed.push(m);
    else if (severity === 'error') asError++;
  });
  return { total: list.length, caught: list.length - missed.length, asError, missed };
}
