/**
 * Figures stated in prose (`15 minutes`, `5 working days`, `above 1%`), and the units of a page
 * that state them: a paragraph, a table row or a heading. Shared by the `policy/figures` check.
 */
import type { DocFile, Project } from '../engine/types.ts';
import { fileFact } from '../engine/facts.ts';
import { proseUnits } from './prose-units.ts';

export type FigureKind = 'percent' | 'duration';

export interface Figure {
  kind: FigureKind;
  /** Normalised: percent as a number, duration in minutes (working days as their own unit). */
  key: string;
  text: string;
  /** Offset in the .md source. */
  offset: number;
}

const UNIT_MINUTES: Record<string, number> = { s: 1 / 60, sec: 1 / 60, second: 1 / 60, seconds: 1 / 60, m: 1, min: 1, mins: 1, minute: 1, minutes: 1, h: 60, hour: 60, hours: 60, day: 1440, days: 1440, week: 10080, weeks: 10080 };
const FIGURE = /(\d+(?:\.\d+)?)\s?(%|working days?|seconds?|sec|minutes?|mins?|min|m|hours?|h|days?|weeks?)(?![\w%])/gi;

/** The figures of a text (offset: where the text starts in the source). */
export function figuresIn(text: string, offset = 0): Figure[] {
  const out: Figure[] = [];
  for (const m of text.matchAll(FIGURE)) {
    const n = Number(m[1]);
    const unit = m[2]!.toLowerCase();
    // A time of day (`09:00`) or a version (`1.2.3`) is no figure.
    const before = text[m.index - 1];
    if (before === ':' || before === '.') continue;
    // A mark on a timeline (`T+15 min`, `T-48 h`) is a moment, not a duration.
    if ((before === '+' || before === '-') && text[m.index - 2] === 'T') continue;
    if (unit === '%') out.push({ kind: 'percent', key: String(n), text: m[0], offset: offset + m.index });
    else if (unit.startsWith('working day')) out.push({ kind: 'duration', key: `${n} working days`, text: m[0], offset: offset + m.index });
    else out.push({ kind: 'duration', key: `${n * UNIT_MINUTES[unit]!} min`, text: m[0], offset: offset + m.index });
  }
  return out;
}

export interface Unit {
  /** Lower-case text of the unit, for matching a policy's words. */
  text: string;
  figures: Figure[];
  /** Offset of the unit in the source. */
  offset: number;
}

/** Paragraphs, table rows and headings of a page with the figures they state (derived once per file). */
export const FIGURE_UNITS = fileFact('figure-units', (file): Unit[] =>
  file.tree
    ? proseUnits(file.tree, file.source, (value, raw, start) =>
        // The source of a text node may hold escapes; find the figure's text in it.
        figuresIn(value, 0).map((f) => {
          const at = raw.indexOf(f.text, Math.max(0, f.offset - 4));
          return { ...f, offset: start + (at >= 0 ? at : f.offset) };
        }),
      ).map(({ text, found, offset }) => ({ text, figures: found, offset }))
    : [],
);

export const figureUnits = (file: DocFile, project: Project): Unit[] => project.facts.of(FIGURE_UNITS, file);
