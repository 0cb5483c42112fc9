/**
 * The identity of a task-list item (`- [ ] …`) on a page: its position among the page's items and a
 * hash of its text, so that ticks survive reloads but not edits (an edited or moved item starts
 * unticked). Computed at build time (src/remark/checklists.ts) from the Markdown.
 */

/** Page types whose task lists can be ticked. */
export const CHECKLIST_PAGE_TYPES: ReadonlySet<string> = new Set(['checklist', 'procedure', 'runbook']);

/** FNV-1a, 32 bits, base 36: short and stable; not for security. */
export function textHash(text: string): string {
  let hash = 0x811c9dc5;
  const normalized = text.replace(/\s+/g, ' ').trim();
  for (let i = 0; i < normalized.length; i++) {
    hash ^= normalized.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

export function itemKey(index: number, text: string): string {
  return `${index}-${textHash(text)}`;
}
