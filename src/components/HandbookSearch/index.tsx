import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import clsx from 'clsx';
import { useHistory } from '@docusaurus/router';
import { usePluginData } from '@docusaurus/useGlobalData';
import type { DocIndexGlobalData } from '../../plugins/doc-index/index.ts';
import type { Hit } from '../../search/rank.ts';
import { preloadSearchIndex, useHandbookSearch } from '../../search/useHandbookSearch.ts';
import { whenIdle } from '../../when-idle.ts';
import styles from './styles.module.css';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function SeverityBadge({ severity }: { severity: string }): ReactNode {
  return (
    <span className={clsx(styles.severity, styles[severity.toLowerCase()])} title={`Severity ${severity}`}>
      {severity}
    </span>
  );
}

type Props = {
  /** Focus the box as soon as it renders (the home page, the search dialog). */
  autoFocus?: boolean;
  /** Called after a result is opened (the dialog closes itself). */
  onOpen?: () => void;
};

/**
 * The handbook search: type a symptom, an error string, an alert name, a runbook id or a command
 * fragment; arrows move, Enter opens. Full text over every page, body and code blocks included.
 */
export default function HandbookSearch({ autoFocus = true, onOpen }: Props): ReactNode {
  const { runbooks, pages } = usePluginData('doc-index') as DocIndexGlobalData;
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const { status: indexStatus, hits } = useHandbookSearch(query, query !== '');
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

  // A box that has the cursor from the start (the home page) gets its search engine and index
  // meta file once the page is idle, so that the first keystroke does not wait for them. (The
  // browser focused it before hydration, so onFocus did not fire.)
  useEffect(() => (autoFocus ? whenIdle(() => void preloadSearchIndex()) : undefined), [autoFocus]);

  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  });

  const open = (hit: Hit | undefined) => {
    if (!hit) return;
    history.push(hit.href);
    onOpen?.();
  };

  const openInNewTab = (hit: Hit) => {
    window.open(hit.href, '_blank', 'noopener');
    onOpen?.();
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
      open(hits[active]);
    } else if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      setQuery('');
    }
  };

  const expanded = hits.length > 0;
  const status =
    query.trim() === ''
      ? `${runbooks} runbooks and ${pages} pages, searchable offline.`
      : indexStatus === 'loading'
        ? 'Loading the search index…'
        : indexStatus === 'error'
          ? 'The search index could not be loaded. Browse the sections below.'
          : hits.length === 0
        ? 'No match. Try fewer or shorter words, or browse the sections below.'
          : `${hits.length} result${hits.length === 1 ? '' : 's'}${hits[0]?.partial ? ' matching some of the words' : ''}. Up and down arrows move, Enter opens.`;

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
        autoFocus={autoFocus}
        onFocus={() => void preloadSearchIndex()}
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
        {hits.map((hit, i) => (
          <li
            key={hit.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={clsx(styles.result, i === active && styles.active)}
            data-href={hit.href}
            onMouseMove={() => setActive(i)}
            // An option holds no link (no interactive control inside an option, WAI-ARIA combobox
            // pattern): a click opens the page; Ctrl/Cmd/Shift-click and the middle button open it
            // in a new tab, as they would on a link.
            onClick={(event) => (event.ctrlKey || event.metaKey || event.shiftKey ? openInNewTab(hit) : open(hit))}
            onAuxClick={(event) => event.button === 1 && openInNewTab(hit)}
          >
            <span className={styles.resultLink}>
              <span className={styles.resultHead}>
                {hit.runbook_id ? (
                  <span className={styles.id}>{hit.runbook_id}</span>
                ) : (
                  <span className={styles.type}>{hit.type ?? 'page'}</span>
                )}
                {hit.severity && <SeverityBadge severity={hit.severity} />}
                <span className={styles.title}>{hit.title}</span>
              </span>
              {hit.services.length > 0 && (
                <span className={styles.services}>
                  <span className={styles.visuallyHidden}>Services: </span>
                  {hit.services.map((service) => (
                    <span key={service} className={styles.service}>
                      {service}
                    </span>
                  ))}
                </span>
              )}
              {hit.snippet ? (
                <span className={styles.matched}>
                  <span className={styles.visuallyHidden}>{hit.snippet.kind === 'heading' ? 'Section: ' : `Matches ${hit.snippet.kind}: `}</span>
                  {hit.snippet.kind === 'heading' ? (
                    <>
                      <span className={styles.section}>§ {hit.snippet.text}</span>
                      {hit.snippet.command && <code>{hit.snippet.command}</code>}
                    </>
                  ) : (
                    <code>{hit.snippet.text}</code>
                  )}
                </span>
              ) : (
                <span className={styles.description}>{hit.description}</span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
