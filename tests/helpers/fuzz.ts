/**
 * Mutation fuzzing of the validator: fast-check takes a slice of a shipped doc (its frontmatter and a
 * window of its body) and mutates it — deleted, duplicated, swapped and truncated lines, random
 * Unicode (RTL marks and overrides, zero-width characters, combining marks, astral characters, NUL),
 * broken code fences and broken YAML — then runs every check on it in-process. A case fails when a
 * check crashes, the run throws, or a problem points outside the file.
 *
 * Used by tests/unit/fuzz.test.ts (fixed seed, in CI) and `npm run fuzz` (longer, random seed).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { loadChecks } from '../../scripts/validate/checks/index.ts';
import type { Check } from '../../scripts/validate/engine/check.ts';
import { loadProject, walk } from '../../scripts/validate/engine/load.ts';
import { parseText } from '../../scripts/validate/engine/parse.ts';
import { runChecks } from '../../scripts/validate/engine/runner.ts';
import type { Project } from '../../scripts/validate/engine/types.ts';
import { NOW, ROOT } from './examples.ts';

export interface Seedling {
  path: string;
  frontmatter: string[];
  body: string[];
}

/** The shipped docs, split into frontmatter lines and body lines. */
export function shippedDocs(): Seedling[] {
  return walk(ROOT, 'docs')
    .filter((p) => p.endsWith('.md'))
    .map((path) => {
      const text = readFileSync(join(ROOT, path), 'utf8');
      const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
      return { path, frontmatter: m ? m[1]!.split('\n') : [], body: (m ? text.slice(m[0].length) : text).split('\n') };
    });
}

const SPECIAL = [
  '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', // zero-width
  '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', // bidi
  '\u0301', '\u0338', '\u20DD', // combining
  'עברית', 'العربية', '😀', '👩‍👩‍👧', '\u{1F1FA}\u{1F1F8}', '\uD800', '\uDFFF', // RTL text, emoji, lone surrogates
  '\u0000', '\u0007', '\r', '\u000B', '\u000C', '\u0085', '\u2028', '\u2029', '\t',
];
const MARKUP = ['```', '~~~', '````', '```bash', ':::', ':::danger', '> ', '- ', '1. ', '#', '|', '[', ']', '(', ')', '<', '>', '*', '_', '`', '{', '}', '\\', '<!--', '-->', '<script>', '&#x', '&', '[^1]', '![', '](', '---'];
const YAML_BREAKS = [': ', '- ', '"', "'", '\t', '&a ', '*a', '*nope', '!!binary ', '? ', '{', '[', '#', '%YAML 1.1', '<<: *a', '|', '>-', 'null', '~', '0x1F', '2026-02-30', '  '];

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.array(fc.constantFrom(...SPECIAL, ...MARKUP), { minLength: 1, maxLength: 6 }).map((a) => a.join('')),
);

type Mutation =
  | { op: 'delete' | 'duplicate'; at: number }
  | { op: 'swap'; at: number; to: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; col: number; text: string }
  | { op: 'fence'; at: number; fence: string }
  | { op: 'yaml'; at: number; col: number; text: string }
  | { op: 'unclose' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), col: fc.nat(), text }),
  fc.record({ op: fc.constant('fence' as const), at: fc.nat(), fence: fc.constantFrom('```', '~~~', '````', '```bash', '   ```', '> ```', '- ```sh', '') }),
  fc.record({ op: fc.constant('yaml' as const), at: fc.nat(), col: fc.nat(), text: fc.oneof(fc.constantFrom(...YAML_BREAKS), text) }),
  fc.record({ op: fc.constant('unclose' as const) }),
);

function apply(doc: { frontmatter: string[]; body: string[] }, m: Mutation): void {
  const lines = doc.body;
  const pick = (n: number) => (lines.length === 0 ? 0 : n % lines.length);
  switch (m.op) {
    case 'delete':
      lines.splice(pick(m.at), 1);
      break;
    case 'duplicate':
      if (lines.length) lines.splice(pick(m.at), 0, lines[pick(m.at)]!);
      break;
    case 'swap': {
      if (!lines.length) break;
      const [a, b] = [pick(m.at), pick(m.to)];
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      break;
    }
    case 'truncate': {
      const all = lines.join('\n');
      doc.body = all.slice(0, all.length === 0 ? 0 : m.at % all.length).split('\n');
      break;
    }
    case 'insert': {
      if (!lines.length) lines.push('');
      const i = pick(m.at);
      const line = lines[i]!;
      const col = m.col % (line.length + 1);
      lines[i] = line.slice(0, col) + m.text + line.slice(col);
      break;
    }
    case 'fence':
      if (m.fence === '') {
        const fenceLine = lines.findIndex((l, k) => k >= pick(m.at) && /^\s*(```|~~~)/.test(l));
        if (fenceLine >= 0) lines.splice(fenceLine, 1);
      } else lines.splice(pick(m.at), 0, m.fence);
      break;
    case 'yaml': {
      const fm = doc.frontmatter;
      if (!fm.length) fm.push('');
      const i = m.at % fm.length;
      const col = m.col % (fm[i]!.length + 1);
      fm[i] = fm[i]!.slice(0, col) + m.text + fm[i]!.slice(col);
      break;
    }
    case 'unclose':
      doc.frontmatter.push('\u0000unclosed');
      break;
  }
}

/** A mutated slice of a shipped doc: its frontmatter and up to 25 lines of its body, then 1 to 4 mutations. */
export function mutatedDoc(seeds: Seedling[]): fc.Arbitrary<{ from: string; text: string }> {
  return fc
    .record({ doc: fc.nat(), start: fc.nat(), length: fc.integer({ min: 1, max: 40 }), mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }) })
    .map(({ doc, start, length, mutations }) => {
      const seed = seeds[doc % seeds.length]!;
      const from = start % Math.max(1, seed.body.length);
      const state = { frontmatter: [...seed.frontmatter], body: seed.body.slice(from, from + length) };
      for (const m of mutations) apply(state, m);
      const unclosed = state.frontmatter.at(-1) === '\u0000unclosed';
      const fm = unclosed ? `---\n${state.frontmatter.slice(0, -1).join('\n')}\n` : `---\n${state.frontmatter.join('\n')}\n---\n`;
      return { from: seed.path, text: fm + state.body.join('\n') };
    });
}

let checks: { all: Check[]; perFile: Check[] } | undefined;

/**
 * Every check, and the same checks without their project-wide pass (`checkProject`, which reads every
 * doc of the tree again): most cases run the per-file part only, every `PROJECT_EVERY`th case all of it.
 */
export async function fuzzChecks(): Promise<{ all: Check[]; perFile: Check[] }> {
  if (checks) return checks;
  const all = await loadChecks();
  return (checks = { all, perFile: all.filter((c) => c.checkFile).map((c) => ({ ...c, checkProject: undefined })) });
}

export const PROJECT_EVERY = 10;

let base: Project | undefined;

/**
 * The shipped docs as one project, read and parsed once: each case replaces one doc with its mutant
 * and reports on that doc only, so that links, ids and routes resolve against the real tree.
 */
function project(path: string, text: string): Project {
  base ??= loadProject(ROOT, [], { strictReviews: false, now: NOW });
  const files = base.files.filter((f) => f.path !== path);
  files.push(parseText(path, text));
  return { ...base, files, targets: new Set([path]) };
}

/** What is wrong with running every check on `text` as the doc at `path` (empty when nothing is). */
export function violations(allChecks: readonly Check[], text: string, path = 'docs/runbooks/fuzzed.md'): string[] {
  const out: string[] = [];
  let problems;
  try {
    problems = runChecks(project(path, text), allChecks);
  } catch (error) {
    return [`the run threw: ${error instanceof Error ? error.stack ?? error.message : String(error)}`];
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (const p of problems) {
    if (p.rule === 'internal/check-crashed') out.push(`${p.rule}: ${p.message}`);
    if (p.file !== path) continue;
    const line = lines[p.line - 1];
    if (line === undefined || p.line < 1) out.push(`${p.rule} at line ${p.line}, outside the file (${lines.length} lines)`);
    else if (p.column < 1 || p.column > line.length + 1) out.push(`${p.rule} at ${p.line}:${p.column}, outside the line (${line.length} characters)`);
  }
  return out;
}
