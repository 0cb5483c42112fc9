/**
 * The runbook index: every runbook on one page, filterable by service, severity, owner and tag,
 * with overdue reviews marked. Filters live in the URL (`/runbooks?service=worker&severity=SEV2`),
 * so a filtered list can be shared in the incident channel.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import { useHistory, useLocation } from '@docusaurus/router';
// This page's own data module (src/plugins/doc-index), in this page's chunk, not in global data.
import entries from '@generated/doc-index/default/runbooks.json';
import type { DocIndexEntry } from '@site/src/plugins/doc-index/index.ts';
import { permalinkLink } from '@site/src/plugins/permalinks/links.ts';
import { isOverdue } from '@site/core/review.ts';
import styles from './runbooks.module.css';

const FILTERS = [
  { key: 'service', label: 'Service', values: (e: DocIndexEntry) => e.services ?? [] },
  { key: 'severity', label: 'Severity', values: (e: DocIndexEntry) => (e.severity ? [e.severity] : []) },
  { key: 'owner', label: 'Owner', values: (e: DocIndexEntry) => (e.owner ? [e.owner] : []) },
  { key: 'tag', label: 'Tag', values: (e: DocIndexEntry) => e.tags ?? [] },
] as const;

type FilterKey = (typeof FILTERS)[number]['key'];

export default function RunbookIndex(): ReactNode {
  const runbooks = useMemo(() => [...entries].sort((a, b) => a.runbook_id!.localeCompare(b.runbook_id!)), []);
  const location = useLocation();
  const history = useHistory();
  const params = new URLSearchParams(location.search);
  const selected = Object.fromEntries(FILTERS.map((f) => [f.key, params.get(f.key) ?? ''])) as Record<FilterKey, string>;
  // The viewer's clock decides what is overdue (after hydration; the static HTML marks nothing).
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => setNow(new Date()), []);

  const setFilter = (key: FilterKey, value: string) => {
    const next = new URLSearchParams(location.search);
    if (value) next.set(key, value);
    else next.delete(key);
    history.replace({ search: next.toString() });
  };

  const shown = runbooks.filter((e) => FILTERS.every((f) => !selected[f.key] || (f.values(e) as readonly string[]).includes(selected[f.key])));

  return (
    <Layout title="Runbook index" description="Every runbook, filterable by service, severity, owner and tag.">
      <main className="container margin-vert--lg">
        <h1>Runbook index</h1>
        <form className={styles.filters} aria-label="Filter runbooks" onSubmit={(e) => e.preventDefault()}>
          {FILTERS.map((filter) => {
            const options = [...new Set(runbooks.flatMap((e) => filter.values(e) as readonly string[]))].sort();
            return (
              <label key={filter.key} className={styles.filter}>
                <span>{filter.label}</span>
                <select value={selected[filter.key]} onChange={(event) => setFilter(filter.key, event.target.value)}>
                  <option value="">All</option>
                  {options.map((option) => (
                    <option key={option} value={option}>
                      {option}
                    </option>
                  ))}
                </select>
              </label>
            );
          })}
        </form>
        <p role="status" aria-live="polite">
          {shown.length} of {runbooks.length} runbooks
        </p>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Id</th>
              <th scope="col">Runbook</th>
              <th scope="col">Severity</th>
              <th scope="col">Services</th>
              <th scope="col">Owner</th>
              <th scope="col">Alerts</th>
              <th scope="col">Reviewed</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => {
              const stale = now !== null && isOverdue(e.last_reviewed, e.review_interval, now);
              return (
                <tr key={e.runbook_id} data-runbook={e.runbook_id}>
                  <td>
                    <code>{e.runbook_id}</code>
                  </td>
                  <td>
                    <Link to={e.permalink}>{e.title}</Link>
                  </td>
                  <td>{e.severity}</td>
                  <td>{e.services?.join(', ')}</td>
                  <td>{e.owner}</td>
                  <td>
                    <span className={styles.alerts}>
                      {(e.alerts ?? []).map((alert) => (
                        <Link key={alert} {...permalinkLink(`/alerts/${alert}`)}>
                          {alert}
                        </Link>
                      ))}
                    </span>
                  </td>
                  <td>
                    {e.last_reviewed}
                    {stale && <span className={styles.stale}>review overdue</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </main>
    </Layout>
  );
}
