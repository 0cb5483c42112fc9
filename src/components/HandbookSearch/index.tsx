import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import clsx from 'clsx';
import Link from '@docusaurus/Link';
import { useHistory } from '@docusaurus/router';
import { usePluginData } from '@docusaurus/useGlobalData';
import type { DocIndexData, DocIndexEntry } from '../../plugins/doc-index/index.ts';
import { indexEntries, search } from './search.ts';
import styles from './styles.module.css';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function SeverityBadge({ severity }: { severity: NonNullable<DocIndexEntry['severity']> }): ReactNode {
  return (
    <span className={clsx(styles.severity, styles[severity.toLowerCase()])} title={`Severity ${severity}`}>
      {severity}
    </span>
  );
}

/** The home page search: type a symptom, an alert name or a runbook id; arrows move, Enter opens. */
export default function HandbookSearch(): ReactNode {
  const { entries } = usePluginData('doc-index') as DocIndexData;
  const index = useMemo(() => indexEntries(entries), [entries]);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const hits = useMemo(() => search(index, query), [index, query]);
  const input = useRef<HTMLInputElement>(null);
  const history = useHistory();
  const id = useId();
  const listId = `${id}-results`;
  const optionId = (i: number) => `${id}-option-${i}`;

  // `/` anywhere on the page focuses the search box (unless typing in another field).
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isEditable(event.target)) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => setActive(0), [query]);

  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  });

  const open = (hit: DocIndexEntry | undefined) => {
    if (hit) history.push(hit.permalink);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && hits.length > 0) {
      event.preventDefault();
      setActive((i) => (i + 1) % hits.length);
    } else if (event.key === 'ArrowUp' && hits.length > 0) {
      event.preventDefault();
      setActive((i) => (i - 1 + hits.length) % hits.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      open(hits[active]?.entry);
    } else if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      setQuery('');
    }
  };

  const expanded = hits.length > 0;
  const status =
    query.trim() === ''
      ? `${entries.filter((e) => e.runbook_id).length} runbooks and ${entries.length} pages indexed.`
      : hits.length === 0
        ? 'No match. Try fewer or shorter words, or browse the sections below.'
        : `${hits.length} result${hits.length === 1 ? '' : 's'}. Up and down arrows move, Enter opens.`;

  return (
    <div className={styles.search}>
      <label htmlFor={`${id}-input`} className={styles.label}>
        Search runbooks by symptom, alert or id
      </label>
      <input
        id={`${id}-input`}
        ref={input}
        className={styles.input}
        type="search"
        // Incident first: the cursor is in the search box as soon as the page opens.
        autoFocus
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        placeholder="CrashLoopBackOff, HighErrorRate, RB-001, connection refused…"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded ? optionId(active) : undefined}
        aria-describedby={`${id}-status`}
        aria-keyshortcuts="/"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <p id={`${id}-status`} className={styles.status} aria-live="polite">
        {status}{' '}
        <span className={styles.keys} aria-hidden="true">
          <kbd>/</kbd> search · <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Enter</kbd> open · <kbd>Esc</kbd> clear
        </span>
      </p>
      <ul id={listId} role="listbox" aria-label="Search results" className={styles.results} hidden={!expanded}>
        {hits.map(({ entry, matched }, i) => (
          <li
            key={entry.permalink}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={clsx(styles.result, i === active && styles.active)}
            onMouseMove={() => setActive(i)}
          >
            <Link to={entry.permalink} className={styles.resultLink} tabIndex={-1}>
              <span className={styles.resultHead}>
                {entry.runbook_id ? (
                  <span className={styles.id}>{entry.runbook_id}</span>
                ) : (
                  <span className={styles.type}>{entry.type ?? 'page'}</span>
                )}
                {entry.severity && <SeverityBadge severity={entry.severity} />}
                <span className={styles.title}>{entry.title}</span>
              </span>
              {entry.services && (
                <span className={styles.services}>
                  <span className={styles.visuallyHidden}>Services: </span>
                  {entry.services.map((service) => (
                    <span key={service} className={styles.service}>
                      {service}
                    </span>
                  ))}
                </span>
              )}
              {matched ? (
                <span className={styles.matched}>
                  <span className={styles.visuallyHidden}>Matches: </span>
                  <code>{matched}</code>
                </span>
              ) : (
                <span className={styles.description}>{entry.description}</span>
              )}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
