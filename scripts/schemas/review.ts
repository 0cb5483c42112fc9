/**
 * When a page is due for review. Shared by the `frontmatter/review-overdue` check and the site's
 * runbook header (which shows the overdue banner at view time), so both agree. No dependencies:
 * this module is bundled for the browser.
 */
const DAY = 24 * 60 * 60 * 1000;

/** `90d` → 90, `12w` → 84, `6m` → 180. */
export function intervalDays(interval: string): number {
  const n = Number.parseInt(interval, 10);
  const unit = interval.at(-1);
  return unit === 'w' ? n * 7 : unit === 'm' ? n * 30 : n;
}

/** `2026-11-01`, or a YAML date parsed to a Date / ISO string by the site, as `YYYY-MM-DD`. */
export function dayOf(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  return undefined;
}

/** The day the next review is due, or undefined when the dates are missing or malformed. */
export function reviewDue(lastReviewed: unknown, interval: unknown): Date | undefined {
  const day = dayOf(lastReviewed);
  if (!day || typeof interval !== 'string' || !/^[1-9]\d{0,2}[dwm]$/.test(interval)) return undefined;
  return new Date(Date.parse(`${day}T00:00:00Z`) + intervalDays(interval) * DAY);
}

export function isOverdue(lastReviewed: unknown, interval: unknown, now: Date): boolean {
  const due = reviewDue(lastReviewed, interval);
  return due !== undefined && now.getTime() > due.getTime();
}
