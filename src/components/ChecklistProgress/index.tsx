/**
 * "7 of 12 done", a progress bar and "Reset checklist" for the task lists of a page (placed by
 * src/remark/checklists.ts, which passes the page's item keys and their defaults).
 */
import { useEffect, useId, useMemo, type ReactNode } from 'react';
import clsx from 'clsx';
import { useDoc } from '@docusaurus/plugin-content-docs/client';
import { pruneTicks, resetTicks, storageKey, useTicks } from '@site/src/checklists/store.ts';
import styles from './styles.module.css';

type Item = { key: string; checked: boolean };

function parseItems(json: string): Item[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((item): item is Item => typeof item?.key === 'string') : [];
  } catch {
    return [];
  }
}

export default function ChecklistProgress({ items: json }: { items: string }): ReactNode {
  const items = useMemo(() => parseItems(json), [json]);
  const { metadata } = useDoc();
  const key = storageKey(metadata.permalink);
  const ticks = useTicks(key);
  const id = useId();
  // Ticks of items that were edited, moved or removed since they were ticked are dropped.
  useEffect(() => pruneTicks(key, items.map((item) => item.key)), [key, items]);

  const total = items.length;
  const done = items.filter((item) => ticks[item.key] ?? item.checked).length;
  const touched = items.some((item) => item.key in ticks);
  const percent = total === 0 ? 0 : Math.round((done / total) * 100);
  return (
    <section className={clsx(styles.progress, done === total && styles.complete)} aria-labelledby={`${id}-label`}>
      <div className={styles.row}>
        <span id={`${id}-label`} className={styles.label}>
          Checklist
        </span>
        <span className={styles.count} aria-live="polite" data-testid="checklist-count">
          {done} of {total} done
        </span>
        <button type="button" className={clsx('button button--sm button--secondary', styles.reset)} onClick={() => resetTicks(key)} disabled={!touched}>
          Reset checklist
        </button>
      </div>
      <div
        className={styles.bar}
        role="progressbar"
        aria-labelledby={`${id}-label`}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${total} done`}>
        <div className={styles.fill} style={{ width: `${percent}%` }} />
      </div>
      <p className={styles.note}>Ticks are saved in this browser only.</p>
    </section>
  );
}
