import { defineCheck } from '../engine/check.ts';
import { frontmatterData, frontmatterValueOffset } from '../engine/frontmatter.ts';
import { isoDate, reviewInterval } from '../../../core/schemas/frontmatter.ts';
import { reviewDue } from '../../../core/review.ts';
import { isoDay } from '../../../core/dates.ts';

export default defineCheck({
  id: 'frontmatter/review-overdue',
  description: 'A page is reviewed again before `last_reviewed` + `review_interval` has passed.',
  severity: 'warning',
  local: true,
  messages: {
    overdue: 'review overdue since {due} (last reviewed {reviewed}, interval {interval}); the owner team should review the page and set `last_reviewed` to the review date',
  },
  docs: {
    why:
      'Procedures rot: commands change flags, services move, contacts leave. A page nobody has ' +
      'checked for a year is a guess. This is a warning by default, and an error with ' +
      '`npm run validate -- --strict-reviews` (used by the scheduled review job).',
    fix:
      'The owner team walks through the page, fixes what changed, and sets `last_reviewed` to the ' +
      'date of the review. Shorten `review_interval` for pages that change often.',
    good: [
      {
        title: 'Reviewed recently',
        source: '---\ntype: guide\nlast_reviewed: 2026-11-01\nreview_interval: 90d\n---\n',
      },
    ],
    bad: [
      {
        title: 'Reviewed more than 90 days ago',
        source: '---\ntype: guide\nlast_reviewed: 2025-01-15\nreview_interval: 90d\n---\n',
        problems: [{ at: '3:16', message: 'review overdue since 2025-04-15' }],
      },
    ],
  },
  checkFile(file, project, report) {
    const data = frontmatterData(file);
    const reviewed = data?.['last_reviewed'];
    const interval = data?.['review_interval'];
    if (!isoDate.safeParse(reviewed).success || !reviewInterval.safeParse(interval).success) return;
    const due = reviewDue(reviewed, interval);
    if (!due || project.options.now.getTime() <= due.getTime()) return;
    report(
      file,
      { offset: frontmatterValueOffset(file, ['last_reviewed']) },
      'overdue',
      { due: isoDay(due)!, reviewed: reviewed as string, interval: interval as string },
      { severity: project.options.strictReviews ? 'error' : 'warning' },
    );
  },
});
