/**
 * Makes the task lists (`- [ ] …`) of checklist, procedure and runbook pages tickable: each item's
 * `<li>` gets its key (position + text hash, src/checklists/key.ts) and its text as a label, which the
 * `li`/`input` of MDXComponents (src/components/TaskCheckbox) turn into a saved checkbox; and a
 * `<ChecklistProgress>` goes before the section of the first task list.
 */
import type { ListItem, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { CHECKLIST_PAGE_TYPES, itemKey } from '../checklists/key.ts';

export type ChecklistItem = { key: string; checked: boolean };

/** The item's own text: its paragraphs, not its nested lists or code blocks. */
function itemText(item: ListItem): string {
  return item.children
    .filter((child) => child.type !== 'list' && child.type !== 'code')
    .map((child) => toString(child))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const hasTask = (node: RootContent): boolean => {
  let found = false;
  visit(node, 'listItem', (item) => {
    if (typeof item.checked === 'boolean') found = true;
  });
  return found;
};

/** Keys the task items in document order; returns them, or [] when the page has none. */
export function keyTaskItems(tree: Root): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  visit(tree, 'listItem', (item) => {
    if (typeof item.checked !== 'boolean') return;
    const text = itemText(item);
    const key = itemKey(items.length, text);
    items.push({ key, checked: item.checked });
    item.data = {
      ...item.data,
      hProperties: { ...item.data?.hProperties, dataChecklistItem: key, dataChecklistLabel: text.slice(0, 200) },
    };
  });
  return items;
}

export default function remarkChecklists() {
  return (tree: Root, file: { data: Record<string, unknown> }): void => {
    const frontMatter = file.data['frontMatter'] as Record<string, unknown> | undefined;
    if (typeof frontMatter?.['type'] !== 'string' || !CHECKLIST_PAGE_TYPES.has(frontMatter['type'])) return;
    const items = keyTaskItems(tree);
    if (items.length === 0) return;
    // Before the first task list, or before the headings that open its section.
    let index = tree.children.findIndex(hasTask);
    while (index > 0 && tree.children[index - 1]!.type === 'heading') index--;
    const progress = {
      type: 'mdxJsxFlowElement',
      name: 'ChecklistProgress',
      attributes: [{ type: 'mdxJsxAttribute', name: 'items', value: JSON.stringify(items) }],
      children: [],
    } as unknown as RootContent;
    tree.children.splice(Math.max(0, index), 0, progress);
  };
}
