/**
 * Build-time only: turns a doc (its parsed Markdown and frontmatter) into a search document. Body
 * text and code blocks are indexed separately, so that a command fragment (`rollout undo`) or an
 * error string inside a code block finds its page.
 */
import { withoutHeadingId } from '../../core/markdown/headings.ts';
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { SearchDocument } from './fields.ts';

const asList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : [];

export function toSearchDocument(
  page: { permalink: string; title: string; description: string },
  frontmatter: Record<string, unknown>,
  tree: Root,
): SearchDocument {
  const headings: string[] = [];
  const body: string[] = [];
  const code: string[] = [];
  const walk = (nodes: RootContent[]) => {
    for (const node of nodes) {
      switch (node.type) {
        case 'yaml':
        case 'html':
          break;
        case 'code':
          code.push(node.value);
          break;
        case 'inlineCode':
          code.push(node.value);
          body.push(node.value);
          break;
        case 'heading':
          headings.push(withoutHeadingId(toString(node)));
          break;
        case 'text':
          body.push(node.value);
          break;
        default:
          if ('children' in node) walk(node.children as RootContent[]);
      }
    }
  };
  walk(tree.children);
  const text = (parts: string[]) => parts.join(' ').replace(/\s+/g, ' ').trim() || undefined;
  /** One entry per line, so that the browser can show the one that matched. */
  const lines = (parts: string[]) => parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n') || undefined;
  const doc: SearchDocument = {
    id: page.permalink,
    title: page.title,
    type: asList(frontmatter['type'])[0],
    runbook_id: asList(frontmatter['runbook_id'])[0],
    severity: asList(frontmatter['severity'])[0],
    services: text(asList(frontmatter['services'])),
    owner: asList(frontmatter['owner'])[0],
    description: page.description || undefined,
    alerts: lines(asList(frontmatter['alerts'])),
    symptoms: lines(asList(frontmatter['symptoms'])),
    headings: text(headings),
    body: text(body),
    code: text(code),
  };
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined)) as SearchDocument;
}
