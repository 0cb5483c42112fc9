/**
 * Build-time only: turns a doc (its parsed Markdown and frontmatter) into a search document. Body
 * text and code blocks are indexed separately, so that a command fragment (`rollout undo`) or an
 * error string inside a code block finds its page.
 */
import { splitHeadingId } from '../../core/markdown/headings.ts';
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { createSlugger } from '@docusaurus/utils';
import type { SearchDocument } from './fields.ts';

const asList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : [];

const clean = (s: string) => s.replace(/[\t\n]+/g, ' ').trim();

/** The first command line of a code block: no comments, prompts or blank lines; at most 120 characters. */
function firstCommand(code: string): string {
  const line = code
    .split('\n')
    .map((l) => l.trim().replace(/^\$\s+/, ''))
    .find((l) => l !== '' && !l.startsWith('#'));
  if (!line) return '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

export function toSearchDocument(
  page: { permalink: string; title: string; description: string },
  frontmatter: Record<string, unknown>,
  tree: Root,
): SearchDocument {
  const headings: string[] = [];
  const body: string[] = [];
  const code: string[] = [];
  /** Sections (level 2 and deeper): anchor, heading text, first command of the section. */
  const sections: Array<{ anchor: string; heading: string; command?: string }> = [];
  const slugger = createSlugger();
  const walk = (nodes: RootContent[]) => {
    for (const node of nodes) {
      switch (node.type) {
        case 'yaml':
        case 'html':
          break;
        case 'code': {
          code.push(node.value);
          const section = sections.at(-1);
          if (section && section.command === undefined) section.command = firstCommand(node.value);
          break;
        }
        case 'inlineCode':
          code.push(node.value);
          body.push(node.value);
          break;
        case 'heading': {
          const parsed = splitHeadingId(toString(node));
          headings.push(parsed.text);
          const anchor = parsed.id ?? slugger.slug(parsed.text);
          if (node.depth >= 2) sections.push({ anchor, heading: parsed.text });
          break;
        }
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
    sections: sections.map((s) => [s.anchor, s.heading, s.command ?? ''].map(clean).join('\t')).join('\n') || undefined,
  };
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined)) as SearchDocument;
}
