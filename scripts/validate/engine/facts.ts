/**
 * Facts derived from a parsed file (headings with their anchors, links), computed once per file on
 * first use and shared by every check that needs them; and project-wide indexes (runbook ids, the
 * alerts runbooks list), built once per run so that a lookup never scans every file.
 */
import type { Heading, Link, Image, Definition, Nodes, Parents } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { createSlugger } from '@docusaurus/utils';
import { explicitHeadingId } from '../../../core/markdown/headings.ts';
import { frontmatterData } from './frontmatter.ts';
import type { DocFile, Position, Project } from './types.ts';

export interface HeadingFact {
  depth: number;
  text: string;
  /** The anchor Docusaurus gives the heading. */
  id: string;
  /** Set with `{#id}` or `<!-- #id -->` rather than derived from the text. */
  explicit: boolean;
  position: Position;
}

export interface LinkFact {
  kind: 'link' | 'image' | 'definition';
  url: string;
  position: Position;
  /** Offset of the URL itself in the source, when it can be found (for precise columns). */
  urlOffset: number | undefined;
}

const memo = new WeakMap<DocFile, { headings?: HeadingFact[]; links?: LinkFact[] }>();
const cell = (file: DocFile) => {
  let entry = memo.get(file);
  if (!entry) memo.set(file, (entry = {}));
  return entry;
};

/** Headings and their anchors, with Docusaurus' slugger (github-slugger) and duplicate numbering. */
export function headingsOf(file: DocFile): HeadingFact[] {
  const entry = cell(file);
  if (entry.headings) return entry.headings;
  const headings: HeadingFact[] = [];
  if (file.tree) {
    const slugger = createSlugger();
    visit(file.tree, 'heading', (heading: Heading) => {
      const textNodes = heading.children.filter((c) => c.type !== 'html');
      const text = toString(textNodes.length > 0 ? textNodes : heading);
      const explicit = explicitHeadingId(heading, text);
      const id = explicit ? explicit.id : slugger.slug(text);
      const start = heading.position?.start ?? { line: 1, column: 1 };
      headings.push({ depth: heading.depth, text: explicit?.text ?? text, id, explicit: !!explicit, position: { line: start.line, column: start.column } });
    });
  }
  return (entry.headings = headings);
}

/** Links, images and link reference definitions, with the position of each. */
export function linksOf(file: DocFile): LinkFact[] {
  const entry = cell(file);
  if (entry.links) return entry.links;
  const links: LinkFact[] = [];
  if (file.tree) {
    visit(file.tree, (node: Nodes, _index, parent: Parents | undefined) => {
      if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return;
      const n = node as Link | Image | Definition;
      const start = n.position?.start;
      if (!start) return;
      // Autolinks (`<https://…>`, bare GFM URLs) have the URL as their text; `[text](url)` has it after `](`.
      const raw = file.source.slice(start.offset ?? 0, n.position?.end.offset ?? 0);
      const at = raw.lastIndexOf(n.url);
      links.push({
        kind: n.type === 'image' ? 'image' : n.type === 'definition' ? 'definition' : 'link',
        url: n.url,
        position: { line: start.line, column: start.column },
        urlOffset: at >= 0 ? (start.offset ?? 0) + at : undefined,
      });
      void parent;
    });
  }
  return (entry.links = links);
}

const projectMemo = new WeakMap<Project, { runbookIds?: Set<string>; listedAlerts?: Set<string> }>();
const projectCell = (project: Project) => {
  let entry = projectMemo.get(project);
  if (!entry) projectMemo.set(project, (entry = {}));
  return entry;
};

/** Every `runbook_id` in the project's frontmatter. */
export function runbookIds(project: Project): Set<string> {
  const entry = projectCell(project);
  return (entry.runbookIds ??= new Set(project.files.map((f) => frontmatterData(f)?.['runbook_id']).filter((v): v is string => typeof v === 'string')));
}

/** Every alert name some page lists in its frontmatter `alerts`. */
export function listedAlerts(project: Project): Set<string> {
  const entry = projectCell(project);
  return (entry.listedAlerts ??= new Set(
    project.files.flatMap((f) => {
      const alerts = frontmatterData(f)?.['alerts'];
      return Array.isArray(alerts) ? alerts.filter((a): a is string => typeof a === 'string') : [];
    }),
  ));
}
