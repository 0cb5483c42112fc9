/**
 * Adds the placeholders form (`<PlaceholderForm>`, src/components/PlaceholderForm) to a doc whose shell
 * code blocks use placeholders such as `<namespace>`: one field per distinct placeholder, with the
 * meaning and example from the page's Variables table when it has a row for it.
 *
 * The form goes right after the Variables table (the table that explains these placeholders), or
 * before the top-level block holding the first such command when there is no table or that block
 * comes first (a runbook's First response sits above its Variables table).
 */
import type { Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { isShellLanguage, placeholderNames } from '../placeholders/text.ts';

export type PlaceholderField = { name: string; meaning?: string; example?: string };

const ROW_NAME = /^<([a-z0-9][a-z0-9-]*)>$/;

/** Rows of a "Placeholder | Meaning | Example" table, by placeholder name. */
export function variablesOf(table: Table): Map<string, Omit<PlaceholderField, 'name'>> {
  const found = new Map<string, Omit<PlaceholderField, 'name'>>();
  const [header, ...rows] = table.children;
  if (!header) return found;
  const titles = header.children.map((cell) => toString(cell).trim().toLowerCase());
  const column = (pattern: RegExp, fallback: number) => {
    const index = titles.findIndex((title) => pattern.test(title));
    return index >= 0 ? index : fallback;
  };
  const meaning = column(/meaning|description|what/, titles.length > 1 ? 1 : -1);
  const example = column(/example|e\.g\./, -1);
  for (const row of rows) {
    const first = row.children[0];
    if (!first) continue;
    const text = (index: number) => (index > 0 && row.children[index] ? toString(row.children[index]).trim() : '') || undefined;
    for (const child of first.children) {
      const name = child.type === 'inlineCode' ? ROW_NAME.exec(child.value.trim())?.[1] : undefined;
      if (name && !found.has(name)) found.set(name, { meaning: text(meaning), example: text(example) });
    }
  }
  return found;
}

function shellNames(node: Root | RootContent): string[] {
  const names: string[] = [];
  visit(node, 'code', (code) => {
    if (!isShellLanguage(code.lang)) return;
    for (const name of placeholderNames(code.value)) if (!names.includes(name)) names.push(name);
  });
  return names;
}

/** The form's fields and where it goes, or null when the page has no placeholder in a shell command. */
export function planPlaceholderForm(tree: Root): { fields: PlaceholderField[]; index: number } | null {
  const used = shellNames(tree);
  if (used.length === 0) return null;
  let variables: Map<string, Omit<PlaceholderField, 'name'>> | undefined;
  let index = -1;
  tree.children.forEach((node, i) => {
    if (variables || node.type !== 'table') return;
    const rows = variablesOf(node);
    if (used.some((name) => rows.has(name))) {
      variables = rows;
      index = i + 1;
    }
  });
  // Before the first command that uses a placeholder when that comes first (a First response above
  // the Variables table), else right after the table.
  const firstUse = tree.children.findIndex((node) => shellNames(node).length > 0);
  if (index < 0 || (firstUse >= 0 && firstUse < index)) index = Math.max(0, firstUse);
  // The table's order first (the author's), then the others as the commands use them.
  const ordered = [...(variables?.keys() ?? [])].filter((name) => used.includes(name));
  for (const name of used) if (!ordered.includes(name)) ordered.push(name);
  return { fields: ordered.map((name) => ({ name, ...variables?.get(name) })), index };
}

export default function remarkPlaceholderForm() {
  return (tree: Root): void => {
    const plan = planPlaceholderForm(tree);
    if (!plan) return;
    // An MDX JSX element (as Docusaurus' admonitions make), rendered by the PlaceholderForm of MDXComponents.
    const form = {
      type: 'mdxJsxFlowElement',
      name: 'PlaceholderForm',
      attributes: [{ type: 'mdxJsxAttribute', name: 'fields', value: JSON.stringify(plan.fields) }],
      children: [],
    } as unknown as RootContent;
    tree.children.splice(plan.index, 0, form);
  };
}
