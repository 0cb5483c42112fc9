/**
 * The one way to silence a check: a visible `validate-ignore` marker with a reason, read here and
 * applied by the runner to every check's problems (see runner.ts), so every check gets it and every
 * suppression is counted with its file, position and reason.
 *
 * - `<!-- validate-ignore <rule>[, <rule>]: <reason> -->` on its own line covers the next block
 *   node (a code block, a paragraph, a list, a table, a heading...), whatever its checks.
 * - ```` ```bash validate-ignore="<rule>[, <rule>]: <reason>" ```` covers its code block.
 *
 * A rule is a rule id (`commands/flags`, `remark-lint:heading-increment`), a check id covering its
 * sub-rules (`remark-lint`), or a category (`commands/*`).
 */
import type { Code, Html, Node, Parent } from 'mdast';
import { fileFact } from './facts.ts';
import type { DocFile, Problem } from './types.ts';

export const IGNORE_KEYWORD = 'validate-ignore';

export interface IgnoreMarker {
  /** The rules named, as written. */
  rules: string[];
  /** The reason after the colon ('' when missing). */
  reason: string;
  /** Offset of the marker in the .md source. */
  offset: number;
  /** The marker as written, for messages. */
  text: string;
  form: 'comment' | 'meta';
  /** The source range the marker covers, or null when it covers nothing. */
  covers: { start: number; end: number } | null;
  /** A comment marker inside a paragraph, heading or table cell instead of on its own line. */
  inline: boolean;
}

/** `rules: reason`: the reason starts at the first colon followed by a space (rule ids contain `:`). */
export function parseIgnoreBody(body: string): { rules: string[]; reason: string } {
  const split = /:(?=\s|$)/.exec(body);
  const rulesText = split ? body.slice(0, split.index) : body;
  const reason = split ? body.slice(split.index + 1).trim() : '';
  return { rules: rulesText.split(/[\s,]+/).filter(Boolean), reason };
}

const COMMENT = /^<!--\s*validate-ignore\b([\s\S]*?)-->/;
const META = /validate-ignore=(?:"([^"]*)"|'([^']*)'|(\S+))/g;
/** The markers of before this mechanism, which now skip nothing (reported by the `validate-ignore` check). */
const LEGACY_COMMENT = /^<!--\s*commands-ignore\b/;
const LEGACY_META = /skip-check=(?:"[^"]*"|'[^']*'|\S+)/g;
/** Containers whose children are blocks: a comment there is a block of its own. */
const FLOW = new Set(['root', 'blockquote', 'listItem', 'list', 'containerDirective', 'footnoteDefinition']);

const isMarker = (node: Node | undefined) => node?.type === 'html' && COMMENT.test((node as Html).value.trimStart());

/**
 * The markers of a file as a fact, kept in the facts index (engine/file-index.ts): the runner
 * applies them to every reported file without reading the unchanged ones.
 */
export const IGNORE_MARKERS = fileFact('ignore-markers', (file): IgnoreMarker[] => ignoreMarkers(file));

/** Every `validate-ignore` marker of a file, in document order. */
export function ignoreMarkers(file: DocFile): IgnoreMarker[] {
  const out: IgnoreMarker[] = [];
  if (!file.tree || !file.source.includes(IGNORE_KEYWORD)) return out;
  const visit = (parent: Parent) => {
    parent.children.forEach((node, i) => {
      const start = node.position?.start.offset ?? 0;
      if (node.type === 'html') {
        const m = COMMENT.exec((node as Html).value.trimStart());
        if (m) {
          const inline = !FLOW.has(parent.type);
          let next = i + 1;
          while (isMarker(parent.children[next])) next++;
          const target = inline ? undefined : parent.children[next];
          const covers = target?.position ? { start: target.position.start.offset ?? 0, end: target.position.end.offset ?? 0 } : null;
          out.push({ ...parseIgnoreBody(m[1]!), offset: start, text: m[0], form: 'comment', covers, inline });
        }
      }
      if (node.type === 'code' && (node as Code).meta?.includes(IGNORE_KEYWORD)) {
        const fenceLine = file.source.slice(start, file.source.indexOf('\n', start) >>> 0);
        const end = node.position?.end.offset ?? start;
        for (const m of (node as Code).meta!.matchAll(META)) {
          const within = Math.max(0, fenceLine.indexOf(m[0]));
          out.push({ ...parseIgnoreBody(m[1] ?? m[2] ?? m[3] ?? ''), offset: start + within, text: m[0], form: 'meta', covers: { start, end }, inline: false });
        }
      }
      if ('children' in node) visit(node as Parent);
    });
  };
  visit(file.tree);
  return out;
}

/** Markers of the old syntax (`<!-- commands-ignore ... -->`, `skip-check="..."`): offsets and text. */
export function legacyMarkers(file: DocFile): Array<{ offset: number; text: string }> {
  const out: Array<{ offset: number; text: string }> = [];
  if (!file.tree || !(file.source.includes('commands-ignore') || file.source.includes('skip-check'))) return out;
  const visit = (node: Node) => {
    const start = node.position?.start.offset ?? 0;
    if (node.type === 'html' && LEGACY_COMMENT.test((node as Html).value.trimStart())) out.push({ offset: start, text: (node as Html).value.trim() });
    if (node.type === 'code' && (node as Code).meta) {
      const fenceLine = file.source.slice(start, file.source.indexOf('\n', start) >>> 0);
      for (const m of (node as Code).meta!.matchAll(LEGACY_META)) out.push({ offset: start + Math.max(0, fenceLine.indexOf(m[0])), text: m[0] });
    }
    if ('children' in node) for (const child of (node as Parent).children) visit(child);
  };
  visit(file.tree);
  return out;
}

/** Problems no marker can silence: the marker check itself, and the validator's own bugs. */
export function suppressible(rule: string): boolean {
  return rule !== IGNORE_KEYWORD && !rule.startsWith('internal/');
}

/** Whether a rule named in a marker covers a problem's rule id. */
export function covers(named: string, rule: string): boolean {
  if (named === rule || rule.startsWith(`${named}:`)) return true;
  return named.endsWith('/*') && rule.startsWith(named.slice(0, -1));
}

/** A marker that silences: it names a rule, gives a reason and covers a node. */
export const effective = (m: IgnoreMarker): boolean => m.rules.length > 0 && m.reason !== '' && m.covers !== null && !m.inline;

/** The effective marker and rule that silence `problem` in `file`, if any. */
export function silencedBy(markers: readonly IgnoreMarker[], file: DocFile, problem: Problem): { marker: IgnoreMarker; rule: string } | undefined {
  if (!suppressible(problem.rule)) return undefined;
  const offset = file.lines.offset({ line: problem.line, column: problem.column });
  for (const marker of markers) {
    if (!effective(marker) || offset < marker.covers!.start || offset >= marker.covers!.end) continue;
    const rule = marker.rules.find((r) => covers(r, problem.rule));
    if (rule) return { marker, rule };
  }
  return undefined;
}
