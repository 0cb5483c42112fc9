/**
 * Severity levels stated in prose (`SEV2`), and the units of a page that state them: a paragraph,
 * a table row or a heading, with its lower-case text for matching a situation's words. Shared by
 * the `policy/severity` check; derived once per file.
 */
import type { DocFile, Project } from '../engine/types.ts';
import { fileFact } from '../engine/facts.ts';
import { proseUnits } from './prose-units.ts';
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
export const SEVERITY_UNITS = fileFact('severity-units', (file): SeverityUnit[] =>
  file.tree && /SEV[1-4]/.test(file.source)
    ? proseUnits(file.tree, file.source, (_value, raw, start) => [...raw.matchAll(LEVEL)].map((m) => ({ level: m[0], offset: start + m.index })))
        .map(({ text, found, offset }) => ({ text, levels: found, offset }))
    : [],
);

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
