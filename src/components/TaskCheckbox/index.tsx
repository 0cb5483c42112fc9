/**
 * The `li` and `input` of task lists (`- [ ] …`) in MDXComponents. On checklist, procedure and runbook
 * pages the build gives each item's `<li>` a key and a label (src/remark/checklists.ts); its checkbox is
 * then enabled once the page is interactive and saved per page in localStorage. Elsewhere both render
 * as Docusaurus renders them (a disabled checkbox).
 */
import { createContext, useContext, type ComponentProps, type ReactNode } from 'react';
import useIsBrowser from '@docusaurus/useIsBrowser';
import { useDoc } from '@docusaurus/plugin-content-docs/client';
import { setTick, storageKey, useTicks } from '@site/src/checklists/store.ts';

type Item = { key: string; label: string };
const ItemContext = createContext<Item | null>(null);

type LiProps = ComponentProps<'li'> & { 'data-checklist-item'?: string; 'data-checklist-label'?: string };

/** Wraps the theme's `li`: passes the item's key and label to its checkbox; the label is not rendered. */
export function TaskListItem({ Li, ...props }: LiProps & { Li: (props: ComponentProps<'li'>) => ReactNode }): ReactNode {
  const { 'data-checklist-item': key, 'data-checklist-label': label, ...rest } = props;
  if (!key) return <Li {...rest} />;
  return (
    <ItemContext.Provider value={{ key, label: label ?? '' }}>
      <Li {...rest} data-checklist-item={key} />
    </ItemContext.Provider>
  );
}

function SavedCheckbox({ item, checked: initial, ...props }: ComponentProps<'input'> & { item: Item }): ReactNode {
  const { metadata } = useDoc();
  const key = storageKey(metadata.permalink);
  const ticks = useTicks(key);
  const isBrowser = useIsBrowser();
  const checked = ticks[item.key] ?? !!initial;
  return (
    <input
      {...props}
      type="checkbox"
      checked={checked}
      disabled={!isBrowser}
      aria-label={item.label || undefined}
      onChange={(event) => setTick(key, item.key, event.currentTarget.checked)}
    />
  );
}

export default function TaskCheckbox(props: ComponentProps<'input'>): ReactNode {
  const item = useContext(ItemContext);
  if (!item || props.type !== 'checkbox') return <input {...props} />;
  return <SavedCheckbox {...props} item={item} />;
}
