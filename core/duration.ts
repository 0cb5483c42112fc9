/**
 * Durations, one grammar for the whole project: the link checker's timeouts and cache ages
 * (`links.config.yml`), review intervals and procedure durations in frontmatter. Client-safe.
 *
 * A duration is one or more `<number><unit>` parts, largest unit first: `500ms`, `10s`, `15m`,
 * `1h30m`, `24h`, `90d`, `12w`. `m` is always minutes (as in Prometheus and Go); there is no month
 * unit, because months differ in length: write `180d`.
 */
export const DURATION_UNITS = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const;
export type DurationUnit = keyof typeof DURATION_UNITS;

const ORDER: DurationUnit[] = ['w', 'd', 'h', 'm', 's', 'ms'];
const PART = /(\d+(?:\.\d+)?)(ms|w|d|h|m|s)/gy;

export interface ParsedDuration {
  ms: number;
  units: DurationUnit[];
}

/** `1h30m` → { ms: 5400000, units: ['h', 'm'] }; undefined when the text is not a duration. */
export function parseDurationParts(text: string): ParsedDuration | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  PART.lastIndex = 0;
  let ms = 0;
  const units: DurationUnit[] = [];
  let at = 0;
  for (let m = PART.exec(value); m; m = PART.exec(value)) {
    const unit = m[2] as DurationUnit;
    // Largest unit first, each at most once: `30m1h` and `1h1h` are typos.
    if (units.length > 0 && ORDER.indexOf(unit) <= ORDER.indexOf(units.at(-1)!)) return undefined;
    units.push(unit);
    ms += Number(m[1]) * DURATION_UNITS[unit];
    at = PART.lastIndex;
  }
  return at === value.length && units.length > 0 ? { ms, units } : undefined;
}

/** Milliseconds of a duration (a bare number is already milliseconds), or undefined. */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  return parseDurationParts(value)?.ms;
}

/** A readable rounding of `ms`: `750ms`, `12.5s`, `15m`, `6h`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 120_000) return `${+(ms / 1000).toFixed(1)}s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)}m`;
  return `${Math.round(ms / 3_600_000)}h`;
}

/**
 * The grammar as one regular expression over the `allowed` units, largest first (`^(?:\d+(?:\.\d+)?d)?…$`),
 * for JSON Schema `pattern`s generated from the zod schemas. `parseDurationParts` accepts exactly
 * the same texts (and additionally requires one part at least).
 */
export function durationPattern(allowed: readonly DurationUnit[]): RegExp {
  const parts = ORDER.filter((u) => allowed.includes(u)).map((u) => `(?:\\d+(?:\\.\\d+)?${u})?`);
  return new RegExp(`^(?=\\d)${parts.join('')}$`);
}

/**
 * Why `text` is not a duration made of the `allowed` units, or undefined when it is one. Spells out
 * the month trap: `6m` is six minutes.
 */
export function durationProblem(text: string, allowed: readonly DurationUnit[], examples: string): string | undefined {
  const parsed = parseDurationParts(text);
  if (parsed && parsed.units.every((u) => allowed.includes(u)) && parsed.ms > 0) return undefined;
  if (parsed && parsed.units.includes('m') && !allowed.includes('m')) {
    return `must be a duration such as ${examples}; \`m\` means minutes, so write months as days (\`6m\` → \`180d\`)`;
  }
  return `must be a duration such as ${examples}`;
}
