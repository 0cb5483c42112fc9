/**
 * Severity levels stated in prose (`SEV2`), and the units of a page that state them: a paragraph,
 * a table row or a heading, with its lower-case text for matching a situation's words. Shared by
 * the `policy/severity` check; derived once per file.
 */
import type { Nodes, Parents, Text } from 'mdast';
import type { DocFile, Project } from '../engine/types.ts';
import { fileFact } from '../engine/facts.ts';
import type { Platform, Situation } from '../../../core/schemas/platform.ts';

export interface StatedLevel {
  level: string;
  /** Offset in the .md source. */
  offset: number;
}

export interface SeverityUnit {
  text: string;
  levels: StatedLevel[];
  offset: number;
}

const LEVEL = /\bSEV[1-4]\b/g;

/** Paragraphs, table rows and headings that state a severity level literally (`:severity{…}` is no literal). */
export const SEVERITY_UNITS = fileFact('severity-units', (file): SeverityUnit[] => {
  const units: SeverityUnit[] = [];
  if (!file.tree || !/SEV[1-4]/.test(file.source)) return units;
  const collect = (node: Nodes, unit: { parts: string[]; levels: StatedLevel[] }) => {
    if (node.type === 'text') {
      const t = node as Text;
      unit.parts.push(t.value);
      const start = t.position?.start.offset;
      if (start === undefined) return;
      const raw = file.source.slice(start, t.position?.end.offset ?? start);
      for (const m of raw.matchAll(LEVEL)) unit.levels.push({ level: m[0], offset: start + m.index });
      return;
    }
    if (node.type === 'inlineCode' || node.type === 'code' || node.type === 'html' || node.type === 'textDirective') return;
    if ('children' in node) for (const child of (node as Parents).children) collect(child as Nodes, unit);
  };
  const walk = (node: Nodes) => {
    if (node.type === 'paragraph' || node.type === 'tableRow' || node.type === 'heading') {
      const unit = { parts: [] as string[], levels: [] as StatedLevel[] };
      collect(node, unit);
      if (unit.levels.length > 0) units.push({ text: unit.parts.join(' ').toLowerCase(), levels: unit.levels, offset: node.position?.start.offset ?? 0 });
      return;
    }
    if (node.type === 'code' || node.type === 'yaml') return;
    if ('children' in node) for (const child of (node as Parents).children) walk(child as Nodes);
  };
  walk(file.tree);
  return units;
});

export const severityUnits = (file: DocFile, project: Project): SeverityUnit[] => project.facts.of(SEVERITY_UNITS, file);

const matches = (text: string, s: Situation): boolean => s.match.some((words) => words.every((w) => text.includes(w.toLowerCase())));

/** The situations a text can be about (all the words of one of their match groups occur in it). */
export function situationsIn(text: string, platform: Platform): Array<[string, Situation]> {
  return Object.entries(platform.situations).filter(([, s]) => matches(text, s));
}

/**
 * A contradiction: the unit names one of the `candidates` and states levels, none of which the model
 * gives it (`SEV1 when …, SEV2 for some` states two; one allowed is enough).
 */
export function contradictions(unit: SeverityUnit, candidates: Array<[string, Situation]>): Array<{ id: string; situation: Situation; at: StatedLevel }> {
  const out: Array<{ id: string; situation: Situation; at: StatedLevel }> = [];
  for (const [id, situation] of candidates.filter(([, s]) => matches(unit.text, s))) {
    if (unit.levels.some((l) => situation.severity.includes(l.level as never))) continue;
    out.push({ id, situation, at: unit.levels[0]! });
  }
  return out;
}
