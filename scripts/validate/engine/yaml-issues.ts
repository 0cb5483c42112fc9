import { isMap, isScalar, type Document } from 'yaml';
import type * as z from 'zod';
import { didYouMean, withHint } from './suggest.ts';

/** Where a zod issue points in a YAML document, as an offset into the YAML text, and what to say. */
export interface LocatedIssue {
  offset: number;
  message: string;
}

type Path = readonly PropertyKey[];

function getNode(doc: Document, path: Path) {
  return doc.getIn(path as unknown[], true) as { range?: [number, number, number] } | undefined;
}

/** Offset of the key `key` in the mapping at `path` (the key itself, not its value). */
export function keyOffset(doc: Document, path: Path, key: string): number | undefined {
  const map = path.length === 0 ? doc.contents : (getNode(doc, path) as unknown);
  if (!isMap(map)) return undefined;
  for (const pair of map.items) {
    if (isScalar(pair.key) && String(pair.key.value) === key) return pair.key.range?.[0];
  }
  return undefined;
}

function valueAt(data: unknown, path: Path): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

export const formatPath = (path: Path) =>
  path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${String(seg)}` : String(seg)), '');

/**
 * Turns zod issues into positioned, human messages. `allowedKeys` lists the keys of the schema so
 * unknown keys get a "did you mean"; `hint(key)` may add a sentence (e.g. which types allow it).
 */
export function locateIssues(
  doc: Document,
  data: unknown,
  issues: readonly z.core.$ZodIssue[],
  options: { allowedKeys?: (path: Path) => string[]; unknownKeyHint?: (key: string) => string } = {},
): LocatedIssue[] {
  const out: LocatedIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const allowed = options.allowedKeys?.(issue.path) ?? [];
      for (const key of issue.keys) {
        out.push({
          offset: keyOffset(doc, issue.path, key) ?? 0,
          message: withHint(withHint(`unknown key \`${key}\``, didYouMean(key, allowed)), options.unknownKeyHint?.(key) ?? ''),
        });
      }
      continue;
    }
    const name = formatPath(issue.path);
    if (issue.path.length > 0 && valueAt(data, issue.path) === undefined) {
      const parent = issue.path.slice(0, -1);
      out.push({
        offset: parent.length === 0 ? 0 : getNode(doc, parent)?.range?.[0] ?? 0,
        message: `missing required key \`${name}\``,
      });
      continue;
    }
    const node = getNode(doc, issue.path);
    let message = issue.message;
    const top = String(issue.path[0] ?? '');
    if (!message.startsWith(top) || top === '') message = `\`${name || 'frontmatter'}\` ${message}`;
    const value = valueAt(data, issue.path);
    if (issue.code === 'invalid_value' && 'values' in issue && typeof value === 'string') {
      message = withHint(message, didYouMean(value, issue.values.map(String)));
    }
    if (issue.code === 'invalid_type' && issue.expected === 'string' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const [key] = Object.keys(value);
      message = withHint(message, `YAML read it as a \`${key}: ...\` mapping because of the \`: \` inside; quote the whole text ("...")`);
    }
    out.push({ offset: node?.range?.[0] ?? 0, message });
  }
  return out;
}
