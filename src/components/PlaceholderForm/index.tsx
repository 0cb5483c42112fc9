/**
 * One field per placeholder used in the page's shell commands (placed by src/remark/placeholder-form.ts
 * with the meaning and example from the Variables table). Values are kept for this browser tab and
 * fill every shell command that uses them (src/theme/CodeBlock); the copy button copies the filled
 * command.
 */
import { useId, useMemo, type ReactNode } from 'react';
import clsx from 'clsx';
import { clearPlaceholderValues, setPlaceholderValue, usePlaceholderValues } from '@site/src/placeholders/store.ts';
import styles from './styles.module.css';

type Field = { name: string; meaning?: string; example?: string };

function parseFields(json: string): Field[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((field): field is Field => typeof field?.name === 'string') : [];
  } catch {
    return [];
  }
}

export default function PlaceholderForm({ fields: json }: { fields: string }): ReactNode {
  const fields = useMemo(() => parseFields(json), [json]);
  const values = usePlaceholderValues();
  const id = useId();
  if (fields.length === 0) return null;
  const names = fields.map((field) => field.name);
  const filled = names.filter((name) => values[name]).length;
  return (
    <form className={styles.form} aria-labelledby={`${id}-title`} onSubmit={(event) => event.preventDefault()} data-placeholder-form="">
      <div className={styles.head}>
        <strong id={`${id}-title`}>Fill in the commands</strong>
        <span className={styles.intro}>
          Values stay in this browser tab, fill the commands on every page, and are what the copy button copies.
        </span>
      </div>
      <div className={styles.fields}>
        {fields.map((field, i) => (
          <div key={field.name} className={styles.field}>
            <label htmlFor={`${id}-${i}`} className={styles.name}>
              {field.name}
            </label>
            <input
              id={`${id}-${i}`}
              className={clsx(styles.input, values[field.name] && styles.inputFilled)}
              type="text"
              name={field.name}
              value={values[field.name] ?? ''}
              placeholder={field.example ? `e.g. ${field.example}` : `<${field.name}>`}
              aria-describedby={field.meaning ? `${id}-${i}-hint` : undefined}
              autoComplete="off"
              autoCapitalize="off"
              autoCorrect="off"
              spellCheck={false}
              onChange={(event) => setPlaceholderValue(field.name, event.currentTarget.value)}
            />
            {field.meaning && (
              <span id={`${id}-${i}-hint`} className={styles.hint}>
                {field.meaning}
              </span>
            )}
          </div>
        ))}
      </div>
      <div className={styles.actions}>
        <span className={styles.status} aria-live="polite">
          {filled} of {fields.length} filled
        </span>
        <button type="button" className="button button--sm button--secondary" onClick={() => clearPlaceholderValues(names)} disabled={filled === 0}>
          Clear values
        </button>
      </div>
    </form>
  );
}
