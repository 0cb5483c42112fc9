/**
 * Calendar days, `YYYY-MM-DD` in UTC: review dates in frontmatter, the site's review banner, the
 * doc index. Client-safe, no dependencies.
 */

/**
 * The day of a Date, or of a value YAML gave us (an unquoted date is a Date at UTC midnight, a
 * quoted one a string), as `YYYY-MM-DD`; undefined when it is neither.
 */
export function isoDay(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  return undefined;
}

/** Midnight UTC of a `YYYY-MM-DD` day. */
export const startOfDay = (day: string): Date => new Date(`${day}T00:00:00Z`);
