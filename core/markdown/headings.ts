/**
 * Heading ids, read the way Docusaurus reads them (its own `parseMarkdownHeadingId`): a trailing
 * `{#custom-id}` in the heading text, or a trailing `<!-- #custom-id -->` comment. Everything that
 * shows, checks or indexes heading text uses these helpers, so the id never counts as text.
 * Build time only (Node).
 */
import type { Heading } from 'mdast';
import { parseMarkdownHeadingId } from '@docusaurus/utils/lib/markdownHeadingIdUtils.js';

/** `Roll back the web tier {#rollback-web}` → { text: 'Roll back the web tier', id: 'rollback-web' }. */
export function splitHeadingId(text: string): { text: string; id?: string } {
  const parsed = parseMarkdownHeadingId(text, 'classic');
  return parsed.id ? { text: parsed.text, id: parsed.id } : { text };
}

/** Heading text without a trailing `{#custom-id}`. */
export const withoutHeadingId = (text: string): string => splitHeadingId(text).text.trim();

/**
 * The explicit id of a heading node whose visible text (html children left out) is `text`: from
 * `{#id}`, or from a trailing `<!-- #id -->` comment.
 */
export function explicitHeadingId(heading: Heading, text: string): { id: string; text: string } | undefined {
  const last = heading.children.at(-1);
  if (last?.type === 'html') {
    const comment = /^<!--([\s\S]*)-->$/.exec(last.value)?.[1]?.trim().split(' ')[0];
    if (comment?.startsWith('#') && comment.length > 1) return { id: comment.slice(1), text };
  }
  const parsed = splitHeadingId(text);
  return parsed.id ? { id: parsed.id, text: parsed.text } : undefined;
}
