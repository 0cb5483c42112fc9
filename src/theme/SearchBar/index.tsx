/**
 * The navbar search (the classic theme's `SearchBar` slot, which is empty without a search plugin):
 * a button, and Ctrl+K / Cmd+K from any page, open a dialog with the handbook search. Escape
 * closes it; opening a result closes it.
 *
 * The navbar is on every page, so the search box's code is not in the main bundle: it is a lazy
 * chunk, fetched when the browser is idle after the page has loaded, and at once on the first sign
 * of intent (hover or focus on the button, Ctrl+K), which also starts loading the index. The
 * dialog is open before the chunk has arrived only if Ctrl+K comes within the first idle moment.
 */
import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { preloadSearchIndex } from '@site/src/search/useHandbookSearch';
import { whenIdle } from '@site/src/when-idle';
import styles from './styles.module.css';

const loadSearchBox = () => import('@site/src/components/HandbookSearch');
const HandbookSearch = lazy(loadSearchBox);

/** The user is about to search: the search box's code and the index. */
function prepare(): void {
  void loadSearchBox();
  void preloadSearchIndex();
}

export default function SearchBar(): ReactNode {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [mac, setMac] = useState(false);

  const show = () => {
    prepare();
    setOpen(true);
    dialog.current?.showModal();
  };
  const close = () => {
    dialog.current?.close();
  };

  // The search box's code (not the index) once the page is idle, so that opening it is instant.
  useEffect(() => whenIdle(() => void loadSearchBox()), []);

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
        onMouseEnter={prepare}
        onFocus={prepare}
        onPointerDown={prepare}
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
        <div className={styles.panel}>
          {open && (
            <Suspense fallback={<p className={styles.loading}>Loading the search…</p>}>
              <HandbookSearch autoFocus onOpen={close} />
            </Suspense>
          )}
        </div>
      </dialog>
    </>
  );
}
