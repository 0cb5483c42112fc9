/**
 * PromQL and LogQL selectors checked against the platform model. PromQL is parsed with Prometheus'
 * own grammar (`@prometheus-io/lezer-promql`, the parser of the Prometheus UI); every problem has an
 * offset into the query text, which the caller maps back to its .md, .yml or .sh file.
 */
import { parser } from '@prometheus-io/lezer-promql';
import { metricLabels, type LabelSpec, type Platform } from '../../../core/schemas/platform.ts';
import { closest } from '../engine/suggest.ts';

/** The kinds of problem a query can have, as message templates (the checks' `messages`). */
export const QUERY_MESSAGES = {
  syntax: "PromQL syntax error {near} (parsed with Prometheus' grammar)",
  unknownMetric: 'unknown metric `{metric}`: it is not in the platform model (src/data/platform.yml)',
  unknownLabel: '{what} has no label `{label}` (labels: {labels})',
  valueOutsideSet: '`{label}="{value}"` matches nothing: {what}\'s `{label}` is one of {values}',
} as const;

export type QueryMessageId = keyof typeof QUERY_MESSAGES;

export interface QueryProblem {
  /** Offset in the query text. */
  offset: number;
  id: QueryMessageId;
  data: Record<string, string>;
  /** ` Did you mean `x`?`, or empty. */
  hint: string;
}

/** Did-you-mean for a label: an alias the model lists first, then the closest name. */
function labelHint(name: string, labels: Map<string, LabelSpec | undefined>): string | undefined {
  for (const [label, spec] of labels) if (spec?.aliases?.includes(name)) return label;
  return closest(name, labels.keys());
}

const hint = (s: string | undefined) => (s ? ` Did you mean \`${s}\`?` : '');

/** The value of a PromQL string literal (`"a\\"b"`, `'x'`, `` `raw` ``). */
function stringValue(literal: string): string {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  try {
    return literal.startsWith('"') ? (JSON.parse(literal) as string) : literal.slice(1, -1);
  } catch {
    return literal.slice(1, -1);
  }
}

/** Placeholders (`<colour>`) and shell expansions (`$colour`) stand for any value. */
const OPEN_VALUE = /<[a-z][a-z0-9-]*>|\$\{?[A-Za-z_]/;

interface Matcher {
  label: string;
  labelFrom: number;
  op: string;
  value: string;
  valueFrom: number;
}

function checkMatcher(m: Matcher, labels: Map<string, LabelSpec | undefined>, what: string, out: QueryProblem[]) {
  if (m.label === '__name__') return;
  if (!labels.has(m.label)) {
    out.push({ offset: m.labelFrom, id: 'unknownLabel', data: { what, label: m.label, labels: [...labels.keys()].map((l) => `\`${l}\``).join(', ') }, hint: hint(labelHint(m.label, labels)) });
    return;
  }
  const values = labels.get(m.label)?.values;
  if (!values || (m.op !== '=' && m.op !== '!=') || OPEN_VALUE.test(m.value) || m.value === '') return;
  if (!values.includes(m.value)) {
    out.push({ offset: m.valueFrom, id: 'valueOutsideSet', data: { label: m.label, value: m.value, what, values: values.map((v) => `\`${v}\``).join(', ') }, hint: hint(closest(m.value, values)) });
  }
}

/**
 * Problems of one PromQL expression. `extraMetrics` are names recording rules produce.
 * `placeholders`: offsets ranges where the text holds a placeholder, whose syntax errors are not reported.
 */
export function checkPromql(text: string, platform: Platform, extraMetrics: Set<string> = new Set()): QueryProblem[] {
  const out: QueryProblem[] = [];
  const tree = parser.parse(text);
  const open = [...text.matchAll(/<[a-z][a-z0-9-]*>|\$\{?[A-Za-z_]\w*\}?/g)].map((m) => [m.index, m.index + m[0].length] as const);
  let syntaxReported = false;
  const known = Object.keys(platform.metrics);
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) {
        if (syntaxReported || open.some(([a, b]) => node.from >= a - 1 && node.from <= b + 1)) return;
        syntaxReported = true;
        const near = text.slice(node.from, node.from + 12).split('\n')[0]!.trim();
        out.push({ offset: Math.min(node.from, Math.max(0, text.length - 1)), id: 'syntax', data: { near: near ? `at \`${near}\`` : 'at the end of the query' }, hint: '' });
        return;
      }
      if (node.name !== 'VectorSelector') return;
      const id = node.node.getChild('Identifier');
      const metric = id ? text.slice(id.from, id.to) : null;
      const matchers: Matcher[] = [];
      const list = node.node.getChild('LabelMatchers');
      for (const m of list ? [...list.getChildren('UnquotedLabelMatcher'), ...list.getChildren('QuotedLabelMatcher')] : []) {
        const name = m.getChild('LabelName') ?? m.getChild('QuotedLabelName');
        const op = m.getChild('MatchOp');
        const values = m.getChildren('StringLiteral');
        const value = values[values.length - 1];
        if (!name || !op || !value) continue;
        const rawName = text.slice(name.from, name.to);
        matchers.push({
          label: name.name === 'QuotedLabelName' ? stringValue(rawName) : rawName,
          labelFrom: name.from,
          op: text.slice(op.from, op.to),
          value: stringValue(text.slice(value.from, value.to)),
          valueFrom: value.from + 1,
        });
      }
      const byName = metric ?? matchers.find((m) => m.label === '__name__' && m.op === '=')?.value ?? null;
      if (byName === null) return;
      if (OPEN_VALUE.test(byName)) return;
      const spec = platform.metrics[byName];
      if (!spec) {
        if (extraMetrics.has(byName)) return;
        out.push({ offset: id?.from ?? node.from, id: 'unknownMetric', data: { metric: byName }, hint: hint(closest(byName, known)) });
        return;
      }
      const labels = metricLabels(platform, spec);
      for (const m of matchers) checkMatcher(m, labels, `\`${byName}\``, out);
    },
  });
  return out;
}

/** The stream selector of a LogQL query (`{namespace="production", app="web"} |= "x"`), checked against the log labels. */
export function checkLogSelector(text: string, platform: Platform): QueryProblem[] {
  const out: QueryProblem[] = [];
  const labels = new Map(Object.entries(platform.log_labels)) as Map<string, LabelSpec | undefined>;
  for (const selector of text.matchAll(/\{([^{}]*)\}/g)) {
    const body = selector[1]!;
    const base = selector.index + 1;
    for (const m of body.matchAll(/([A-Za-z_]\w*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"/g)) {
      checkMatcher({ label: m[1]!, labelFrom: base + m.index, op: m[2]!, value: m[3]!, valueFrom: base + m.index + m[0].indexOf('"') + 1 }, labels, 'a log stream', out);
    }
  }
  return out;
}

/** A query that is LogQL rather than PromQL: a stream selector first, or a line filter / parser stage. */
export const isLogql = (text: string): boolean => /^\s*\{/.test(text) || /\|[=~]\s*["`]|\|\s*(json|logfmt|line_format|pattern)\b/.test(text) || /_over_time\(\s*\{/.test(text);
