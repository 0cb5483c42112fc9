/**
 * Facts derived from a parsed file (headings with their anchors, links), computed once per file on
 * first use and shared by every check that needs them; and project-wide indexes (runbook ids, the
 * alerts runbooks list), built once per run so that a lookup never scans every file.
 */
import type { Heading, Link, Image, Definition, Nodes, Parents } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { createSlugger } from '@docusaurus/utils/lib/slugger.js';
import { explicitHeadingId } from '../../../core/markdown/headings.ts';
import { frontmatterData } from './frontmatter.ts';
import type { DocFile, Position, Project } from './types.ts';
import type { FileFact, ProjectFact } from './fact-store.ts';

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

/** A fact of one file, derived once per run (engine/fact-store.ts). */
export const fileFact = <T>(name: string, derive: (file: DocFile, project: Project) => T): FileFact<DocFile, Project, T> => ({ kind: 'file', name, derive });
/** A fact of the whole run, derived once. */
export const projectFact = <T>(name: string, derive: (project: Project) => T): ProjectFact<Project, T> => ({ kind: 'project', name, derive });

/** Headings and their anchors, with Docusaurus' slugger (github-slugger) and duplicate numbering. */
export const HEADINGS = fileFact('headings', (file): HeadingFact[] => {
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
  return headings;
});

export const headingsOf = (file: DocFile, project: Project): HeadingFact[] => project.facts.of(HEADINGS, file);

/** Links, images and link reference definitions, with the position of each. */
export const LINKS = fileFact('links', (file): LinkFact[] => {
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
  return links;
});

export const linksOf = (file: DocFile, project: Project): LinkFact[] => project.facts.of(LINKS, file);

/** Every `runbook_id` in the project's frontmatter. */
export const RUNBOOK_IDS = projectFact('runbook-ids', (project) =>
  new Set(project.files.map((f) => frontmatterData(f)?.['runbook_id']).filter((v): v is string => typeof v === 'string')),
);
export const runbookIds = (project: Project): Set<string> => project.facts.get(RUNBOOK_IDS);

/** Every alert name some page lists in its frontmatter `alerts`. */
export const LISTED_ALERTS = projectFact('listed-alerts', (project) =>
  new Set(
    project.files.flatMap((f) => {
      const alerts = frontmatterData(f)?.['alerts'];
      return Array.isArray(alerts) ? alerts.filter((a): a is string => typeof a === 'string') : [];
    }),
  ),
);
export const listedAlerts = (project: Project): Set<string> => project.facts.get(LISTED_ALERTS);

/**
 * The runbook ids (`RB-001`) a file's text mentions, anywhere (for `--changed` and
 * runbook/id-mentions): also those spelled with a numeric character reference (`RB&#45;001`) or an
 * escaped dash (`RB\-001`), which text nodes decode. A superset of the ids of the text nodes.
 */
export const RB_MENTIONS = fileFact('rb-mentions', (file): string[] => {
  const ids = new Set(file.source.match(/\bRB-\d{3}\b/g) ?? []);
  if (/&#|\\-/.test(file.source)) {
    const decoded = file.source
      .replace(/&#(\d+);|&#x([\da-f]+);/gi, (whole, dec?: string, hex?: string) => {
        const code = dec ? Number(dec) : parseInt(hex!, 16);
        return code < 0x110000 ? String.fromCodePoint(code) : whole;
      })
      .replace(/\\-/g, '-');
    for (const id of decoded.match(/\bRB-\d{3}\b/g) ?? []) ids.add(id);
  }
  return [...ids].sort();
});
