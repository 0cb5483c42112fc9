/**
 * The navbar search (the classic theme's `SearchBar` slot, which is empty without a search plugin):
 * a button, and Ctrl+K / Cmd+K from any page, open a dialog with the handbook search. Escape
 * closes it; opening a result closes it.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import HandbookSearch from '@site/src/components/HandbookSearch';
import { preloadSearchIndex } from '@site/src/search/useHandbookSearch';
import styles from './styles.module.css';

export default function SearchBar(): ReactNode {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [mac, setMac] = useState(false);

  const show = () => {
    void preloadSearchIndex();
    setOpen(true);
    dialog.current?.showModal();
  };
  const close = () => {
    dialog.current?.close();
  };

  useEffect(() => {
    setMac(/Mac|iPhone|iPad/.test(navigator.platform));
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey) && !event.altKey) {
        event.preventDefault();
        if (dialog.current?.open) close();
        else show();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <button
        type="button"
        className={styles.button}
        onClick={show}
        onMouseEnter={() => void preloadSearchIndex()}
        aria-haspopup="dialog"
        aria-keyshortcuts="Control+K Meta+K"
      >
        <span>Search</span>
        <kbd className={styles.kbd} aria-hidden="true">
          {mac ? '⌘' : 'Ctrl'} K
        </kbd>
      </button>
      <dialog
        ref={dialog}
        className={styles.dialog}
        aria-label="Search the handbook"
        onClose={() => setOpen(false)}
        onClick={(event) => {
          // A click on the backdrop (outside the panel) closes the dialog.
          if (event.target === dialog.current) close();
        }}
      >
        <div className={styles.panel}>{open && <HandbookSearch autoFocus onOpen={close} />}</div>
      </dialog>
    </>
  );
}
