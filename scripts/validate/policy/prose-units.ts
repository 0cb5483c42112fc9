/**
 * The units of prose a page states its policies in: each paragraph, table row and heading, with its
 * lower-case text (for matching a policy's or a situation's words) and what a finder picks out of
 * its text nodes. Inline code, code, HTML and text directives (`:policy{…}`, `:severity{…}`: the
 * rendered value, not a literal) are not prose. Shared by policy/figures and policy/severity.
 */
import type { Nodes, Parents, Root, Text } from 'mdast';

export interface ProseUnit<T> {
  /** Lower-case text of the unit. */
  text: string;
  found: T[];
  /** Offset of the unit in the source. */
  offset: number;
}

/**
 * `find(value, raw, start)` gets a text node's value, its raw source (which may hold escapes) and
 * the source offset where it starts; it returns what it finds, with offsets in the source. Units
 * where nothing was found are left out.
 */
export function proseUnits<T>(tree: Root, source: string, find: (value: string, raw: string, start: number) => T[]): ProseUnit<T>[] {
  const units: ProseUnit<T>[] = [];
  const collect = (node: Nodes, unit: { parts: string[]; found: T[] }) => {
    if (node.type === 'text') {
      const t = node as Text;
      unit.parts.push(t.value);
      const start = t.position?.start.offset;
      if (start !== undefined) unit.found.push(...find(t.value, source.slice(start, t.position?.end.offset ?? start), start));
      return;
    }
    if (node.type === 'inlineCode' || node.type === 'code' || node.type === 'html' || node.type === 'textDirective') return;
    if ('children' in node) for (const child of (node as Parents).children) collect(child as Nodes, unit);
  };
  const walk = (node: Nodes) => {
    if (node.type === 'paragraph' || node.type === 'tableRow' || node.type === 'heading') {
      const unit = { parts: [] as string[], found: [] as T[] };
      collect(node, unit);
      if (unit.found.length > 0) units.push({ text: unit.parts.join(' ').toLowerCase(), found: unit.found, offset: node.position?.start.offset ?? 0 });
      return;
    }
    if (node.type === 'code' || node.type === 'yaml') return;
    if ('children' in node) for (const child of (node as Parents).children) walk(child as Nodes);
  };
  walk(tree);
  return units;
}
