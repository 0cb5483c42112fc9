/**
 * When a page is due for review. Shared by the `frontmatter/review-overdue` check and the site's
 * runbook header (which shows the overdue banner at view time), so both agree. Client-safe: this
 * module is bundled for the browser.
 */
import { isoDay, startOfDay } from './dates.ts';
import { DURATION_UNITS, durationProblem, parseDuration, type DurationUnit } from './duration.ts';

/** Review intervals are whole days or weeks (core/duration.ts): `90d`, `12w`. */
export const REVIEW_INTERVAL_UNITS: readonly DurationUnit[] = ['d', 'w'];
export const REVIEW_INTERVAL_EXAMPLES = '`90d` or `12w`';

/** Why `interval` is not a review interval, or undefined when it is one. */
export function reviewIntervalProblem(interval: string): string | undefined {
  return durationProblem(interval, REVIEW_INTERVAL_UNITS, REVIEW_INTERVAL_EXAMPLES);
}

/** `90d` → 90, `12w` → 84; undefined when it is not a review interval. */
export function intervalDays(interval: string): number | undefined {
  if (reviewIntervalProblem(interval) !== undefined) return undefined;
  return Math.round(parseDuration(interval)! / DURATION_UNITS.d);
}

/** The day the next review is due, or undefined when the dates are missing or malformed. */
export function reviewDue(lastReviewed: unknown, interval: unknown): Date | undefined {
  const day = isoDay(lastReviewed);
  const days = typeof interval === 'string' ? intervalDays(interval) : undefined;
  if (!day || days === undefined) return undefined;
  return new Date(startOfDay(day).getTime() + days * DURATION_UNITS.d);
}

export function isOverdue(lastReviewed: unknown, interval: unknown, now: Date): boolean {
  const due = reviewDue(lastReviewed, interval);
  return due !== undefined && now.getTime() > due.getTime();
}
