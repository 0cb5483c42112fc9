/**
 * The header of a runbook page, from its frontmatter and the service catalog (never retyped):
 * id, severity, services with their dashboards and logs, the owner team with its on-call contact
 * and escalation, the alerts that lead here, and the review state, with a banner when the review
 * is overdue (computed when the page is viewed, so a page goes stale without a rebuild).
 */
import { useEffect, useState, type ReactNode } from 'react';
import Link from '@docusaurus/Link';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { usePluginData } from '@docusaurus/useGlobalData';
import type { CatalogData } from '@site/src/plugins/catalog/index.ts';
import { permalinkLink } from '@site/src/plugins/permalinks/links.ts';
import { isOverdue, reviewDue } from '@site/core/review.ts';
import { isoDay } from '@site/core/dates.ts';
import styles from './styles.module.css';

export type RunbookFrontMatter = {
  runbook_id?: string;
  severity?: string;
  services?: string[];
  owner?: string;
  alerts?: string[];
  estimated_time?: string;
  last_reviewed?: unknown;
  review_interval?: string;
};

/** The clock: the build's time while rendering statically and hydrating, the viewer's after. */
function useNow(): Date {
  const { siteConfig } = useDocusaurusContext();
  const builtAt = String(siteConfig.customFields?.['builtAt'] ?? '');
  const [now, setNow] = useState(() => (builtAt ? new Date(builtAt) : new Date()));
  useEffect(() => setNow(new Date()), []);
  return now;
}

export default function RunbookHeader({ frontMatter }: { frontMatter: RunbookFrontMatter }): ReactNode {
  const catalog = usePluginData('catalog') as CatalogData;
  const now = useNow();
  const { runbook_id: id, severity, services = [], owner, alerts = [], estimated_time: estimated } = frontMatter;
  const team = owner ? catalog.teams[owner] : undefined;
  const reviewed = isoDay(frontMatter.last_reviewed);
  const due = reviewDue(frontMatter.last_reviewed, frontMatter.review_interval);
  const overdue = isOverdue(frontMatter.last_reviewed, frontMatter.review_interval, now);
  const dashboards = services.flatMap((name) => catalog.services[name]?.dashboards ?? []);

  return (
    <section className={styles.header} aria-label="Runbook summary">
      {overdue && due && (
        <div className={styles.overdue} role="status">
          <strong>Review overdue since {isoDay(due)}.</strong> This runbook was last reviewed on {reviewed}. Check
          each command against the cluster before you run it{team ? `, and tell ${team.name} in ${team.chat}` : ''}.
        </div>
      )}
      <div className={styles.badges}>
        {id && <span className={styles.id}>{id}</span>}
        {severity && (
          <span className={`${styles.severity} ${styles[severity.toLowerCase()] ?? ''}`} title="Severity this situation usually maps to">
            {severity}
          </span>
        )}
        {estimated && <span className={styles.time}>about {estimated.replace(/(\d)([hm])/g, '$1 $2 ').trim()}</span>}
      </div>
      <dl className={styles.facts}>
        {services.length > 0 && (
          <>
            <dt>Services</dt>
            <dd>
              {services.map((name) => (
                <span key={name} className={styles.service}>
                  {name}
                </span>
              ))}
            </dd>
          </>
        )}
        {owner && (
          <>
            <dt>Owner</dt>
            <dd>
              <strong>{team?.name ?? owner}</strong>
              {team && (
                <>
                  {' '}· first responder: {team.on_call} · <code>{team.chat}</code> ·{' '}
                  <a href={team.pager}>pager schedule</a>
                  <br />
                  <span className={styles.escalation}>Escalation: {team.escalation.join(' → ')}</span>
                </>
              )}
            </dd>
          </>
        )}
        {alerts.length > 0 && (
          <>
            <dt>Alerts</dt>
            <dd>
              {alerts.map((alert, i) => (
                <span key={alert}>
                  {i > 0 && ', '}
                  <Link {...permalinkLink(`/alerts/${alert}`)}>
                    <code>{alert}</code>
                  </Link>
                </span>
              ))}
            </dd>
          </>
        )}
        {dashboards.length > 0 && (
          <>
            <dt>Dashboards</dt>
            <dd>
              {dashboards.map((d, i) => (
                <span key={d.url}>
                  {i > 0 && ' · '}
                  <a href={d.url}>{d.title}</a>
                </span>
              ))}
            </dd>
          </>
        )}
        {services.some((name) => catalog.services[name]?.logs) && (
          <>
            <dt>Logs</dt>
            <dd>
              {services
                .filter((name) => catalog.services[name]?.logs)
                .map((name) => (
                  <code key={name} className={styles.logs}>
                    {catalog.services[name]!.logs}
                  </code>
                ))}
            </dd>
          </>
        )}
        {reviewed && (
          <>
            <dt>Reviewed</dt>
            <dd>
              {reviewed}
              {due && !overdue && <> · next review by {isoDay(due)}</>}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
