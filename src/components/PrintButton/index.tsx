/**
 * "Print this card" on quick-reference cards (`type: reference-card`): opens the browser's print
 * dialog; the print styles in custom.css fit a card on one A4 page. Hidden in the printout itself.
 */
import type { ReactNode } from 'react';
import styles from './styles.module.css';

export default function PrintButton(): ReactNode {
  return (
    <div className={`handbook-reference-card ${styles.bar}`}>
      <button type="button" className={`button button--secondary button--sm ${styles.button}`} onClick={() => window.print()}>
        <svg aria-hidden="true" viewBox="0 0 24 24" width="16" height="16" className={styles.icon}>
          <path
            fill="currentColor"
            d="M7 3h10v4H7zM5 8h14a3 3 0 0 1 3 3v5h-4v5H6v-5H2v-5a3 3 0 0 1 3-3zm3 7v4h8v-4zm10-4.5a1 1 0 1 0 0 2 1 1 0 0 0 0-2z"
          />
        </svg>
        Print this card
      </button>
      <span className={styles.hint}>One A4 page</span>
    </div>
  );
}
