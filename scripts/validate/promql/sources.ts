/**
 * Where queries are written, each with a map from an offset in the query back to the file:
 * ```promql / ```logql blocks, alert rule `expr`s (src/data/alerts/*.rules.yml), and queries in
 * shell text (`--data-urlencode "query=…"`, a variable such as `query="…"` or `query+="…"`), in a
 * page's shell blocks or in static/scripts/*.sh.
 */
import type { Code } from 'mdast';
import { isMap, isScalar, isSeq } from 'yaml';
import type { DataFile, DocFile, Project } from '../engine/types.ts';
import { fileFact, projectFact } from '../engine/facts.ts';
import { shellBlocks, toSource } from '../commands/blocks.ts';
import { visit } from 'unist-util-visit';

export interface Query {
  text: string;
  /** Offset in `text` → offset in the file. */
  at(offset: number): number;
  /** `promql`, `logql`, or `auto` (decided by its text) for queries found in shell text. */
  lang: 'promql' | 'logql' | 'auto';
}

/**
 * Maps the lines of `value` (a code block's or a block scalar's content) to where each is written
 * in `source` from offset `from` on: every line is found in order, so indentation, list and quote
 * prefixes are skipped.
 */
export function lineMap(source: string, from: number, value: string): (offset: number) => number {
  const starts: Array<[number, number]> = [];
  let cursor = from;
  let at = 0;
  for (const line of value.split('\n')) {
    const found = line.trim() === '' ? -1 : source.indexOf(line, cursor);
    if (found >= 0) {
      starts.push([at, found]);
      cursor = found + line.length;
    }
    at += line.length + 1;
  }
  return (offset) => {
    let best: [number, number] = starts[0] ?? [0, from];
    for (const s of starts) if (s[0] <= offset) best = s;
    return best[1] + (offset - best[0]);
  };
}

/** Splits a block into its queries: one per paragraph (queries are separated by blank lines). */
function paragraphs(text: string, map: (o: number) => number, lang: Query['lang']): Query[] {
  const out: Query[] = [];
  let start = 0;
  for (const m of [...text.matchAll(/\n[ \t]*\n/g), { index: text.length, 0: '' }]) {
    const chunk = text.slice(start, m.index);
    if (chunk.trim() !== '') {
      const base = start;
      out.push({ text: chunk, at: (o) => map(base + o), lang });
    }
    start = (m.index ?? text.length) + m[0].length;
  }
  return out;
}

/** ```promql and ```logql blocks of a page (derived once per file). */
export const QUERY_BLOCKS = fileFact('query-blocks', (file): Query[] => {
  const out: Query[] = [];
  if (!file.tree || !/```\s*(?:promql|logql)/i.test(file.source)) return out;
  visit(file.tree, 'code', (node: Code) => {
    const lang = (node.lang ?? '').toLowerCase();
    if (lang !== 'promql' && lang !== 'logql') return;
    const from = node.position?.start.offset ?? 0;
    const contentFrom = file.source.indexOf('\n', from) + 1;
    out.push(...paragraphs(node.value, lineMap(file.source, contentFrom, node.value), lang));
  });
  return out;
});

/** Reads the shell string whose opening quote is at `i`: its value, and each value char's offset. */
function readQuoted(text: string, i: number): { value: string; offsets: number[]; end: number; dynamic: boolean } | null {
  const quote = text[i];
  let value = '';
  const offsets: number[] = [];
  let dynamic = false;
  let j = i + 1;
  if (quote === "'") {
    const end = text.indexOf("'", j);
    if (end < 0) return null;
    for (; j < end; j++) {
      value += text[j];
      offsets.push(j);
    }
    return { value, offsets, end: end + 1, dynamic };
  }
  for (; j < text.length; j++) {
    const c = text[j]!;
    if (c === '"') return { value, offsets, end: j + 1, dynamic };
    if (c === '\\' && j + 1 < text.length && '$`"\\\n'.includes(text[j + 1]!)) {
      j++;
      if (text[j] === '\n') continue;
      value += text[j];
      offsets.push(j);
      continue;
    }
    if ((c === '$' && text[j + 1] === '(') || c === '`') dynamic = true;
    value += c;
    offsets.push(j);
  }
  return null;
}

const QUERY_VARIABLE = /(?:^|[\s;(])(?:local\s+|export\s+|readonly\s+|declare\s+)?([A-Za-z_]*(?:query|promql|logql|expr)[A-Za-z_0-9]*)(\+?)=(["'])/gim;
const QUERY_ARGUMENT = /(["'])query=/g;
const ONLY_VARIABLE = /^\$\{?[A-Za-z_]\w*\}?$/;

/** `name="…"` or `name='…'` anywhere in the text (any name): candidates for `$name` in a query. */
const ASSIGNMENT = /(?:^|[\s;(])(?:local\s+|export\s+|readonly\s+|declare\s+)?([A-Za-z_]\w*)=(["'])/gm;
const EXPANSION = /\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/y;

type Quoted = { value: string; offsets: number[]; dynamic: boolean };

/**
 * `$selector` in a query, where the script set `selector="…"` to a static string, is replaced by
 * that string, each character mapped back to where it is written: a label matcher kept in a
 * variable (`selector="service=\"api-gateway\",pod=~…"`) is checked at its own line.
 */
function expandVariables(q: Quoted, variables: Map<string, Quoted>): Quoted {
  if (!q.value.includes('$')) return q;
  let value = '';
  const offsets: number[] = [];
  for (let i = 0; i < q.value.length; ) {
    EXPANSION.lastIndex = i;
    const m = q.value[i] === '$' ? EXPANSION.exec(q.value) : null;
    const known = m ? variables.get(m[1] ?? m[2]!) : undefined;
    if (m && known && !known.dynamic && !known.value.includes('$' + (m[1] ?? m[2]))) {
      value += known.value;
      offsets.push(...known.offsets);
      i += m[0].length;
      continue;
    }
    value += q.value[i];
    offsets.push(q.offsets[i]!);
    i++;
  }
  return { value, offsets, dynamic: q.dynamic };
}

/** Queries written in shell text; `map` takes an offset in `text` to one in the file. */
export function shellQueries(text: string, map: (offset: number) => number): Query[] {
  const out: Query[] = [];
  const pending = new Map<string, { value: string; offsets: number[]; dynamic: boolean }>();
  const variables = new Map<string, Quoted>();
  for (const m of text.matchAll(ASSIGNMENT)) {
    const q = readQuoted(text, m.index + m[0].length - 1);
    if (q) variables.set(m[1]!, q);
  }
  const emit = (raw: { value: string; offsets: number[]; dynamic: boolean }) => {
    const q = expandVariables(raw, variables);
    if (q.dynamic || q.value.trim() === '' || ONLY_VARIABLE.test(q.value.trim())) return;
    const offsets = q.offsets;
    out.push({ text: q.value, at: (o) => map(offsets[Math.min(o, offsets.length - 1)] ?? 0) + (o >= offsets.length ? 1 : 0), lang: 'auto' });
  };
  for (const m of text.matchAll(QUERY_VARIABLE)) {
    const quoteAt = m.index + m[0].length - 1;
    const q = readQuoted(text, quoteAt);
    if (!q) continue;
    const name = m[1]!;
    const previous = pending.get(name);
    if (m[2] === '+' && previous) {
      previous.value += q.value;
      previous.offsets.push(...q.offsets);
      previous.dynamic ||= q.dynamic;
    } else {
      if (previous) emit(previous);
      pending.set(name, { ...q });
    }
  }
  for (const q of pending.values()) emit(q);
  for (const m of text.matchAll(QUERY_ARGUMENT)) {
    const q = readQuoted(text, m.index);
    if (!q) continue;
    const skip = 'query='.length;
    emit({ value: q.value.slice(skip), offsets: q.offsets.slice(skip), dynamic: q.dynamic });
  }
  return out;
}

/** Queries in a page's shell blocks (derived once per file). */
export const SHELL_QUERIES = fileFact('shell-queries', (file, project): Query[] =>
  shellBlocks(file, project).flatMap((block) => (/query|promql|logql|expr/i.test(block.text) ? shellQueries(block.text, (o) => toSource(block, o)) : [])),
);

/** Queries of every static/scripts/*.sh, by path. */
export const SCRIPT_QUERIES = projectFact('script-queries', (project) => new Map(project.scripts.map((s) => [s.path, shellQueries(s.text, (o) => o)] as const)));

/** Each alerting and recording rule's `expr`, with its file. */
export function ruleExpressions(file: DataFile): Query[] {
  const out: Query[] = [];
  const groups = file.doc.get('groups', true);
  if (!isSeq(groups)) return out;
  for (const group of groups.items) {
    if (!isMap(group)) continue;
    const rules = group.get('rules', true);
    if (!isSeq(rules)) continue;
    for (const rule of rules.items) {
      if (!isMap(rule)) continue;
      const expr = rule.get('expr', true);
      if (!isScalar(expr) || typeof expr.value !== 'string') continue;
      const value = expr.value;
      out.push({ text: value, at: lineMap(file.text, expr.range?.[0] ?? 0, value), lang: 'promql' });
    }
  }
  return out;
}

/** Names recording rules produce: metrics too. */
export const RECORDED_METRICS = projectFact('recorded-metrics', (project) => {
  const names = new Set<string>();
  for (const file of project.alertRules) {
    const data = file.data as { groups?: Array<{ rules?: Array<{ record?: unknown }> }> } | undefined;
    for (const g of data?.groups ?? []) for (const r of g.rules ?? []) if (typeof r.record === 'string') names.add(r.record);
  }
  return names;
});

export const queriesOf = (file: DocFile, project: Project): Query[] => [...project.facts.of(QUERY_BLOCKS, file), ...project.facts.of(SHELL_QUERIES, file)];
