import type { ReactNode } from 'react';
import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import { usePluginData } from '@docusaurus/useGlobalData';
import HandbookSearch from '@site/src/components/HandbookSearch';
import type { DocIndexGlobalData } from '@site/src/plugins/doc-index/index.ts';
import type { SectionFolder } from '@site/core/site/sections.ts';
import styles from './index.module.css';

type Path = { folder: SectionFolder; title: string; text: string };

/** The four ways into the handbook, after search. Each opens its section's index page. */
const PATHS: Path[] = [
  { folder: 'deployment', title: 'I am deploying', text: 'Guides and checks for shipping to staging and production.' },
  { folder: 'runbooks', title: 'Something is broken', text: 'Runbooks from an alert or symptom to mitigation.' },
  { folder: 'rollback', title: 'I need to roll back', text: 'Back to the last known good state, and how to verify it.' },
  { folder: 'quick-reference', title: 'Quick reference', text: 'One-page cards: the commands and contacts needed most.' },
];

export default function Home(): ReactNode {
  const { sections } = usePluginData('doc-index') as DocIndexGlobalData;
  return (
    <Layout
      title="Search runbooks"
      description="The on-call engineer's handbook: search a symptom, an alert or a runbook id; deploy, troubleshoot and roll back."
    >
      <main className={styles.main}>
        <section className={styles.searchSection} aria-labelledby="handbook-heading">
          <h1 id="handbook-heading" className={styles.heading}>
            Operations Handbook
          </h1>
          <HandbookSearch />
        </section>

        <nav aria-label="Where to start" className={styles.pathsSection}>
          <ul className={styles.paths}>
            {PATHS.map(({ folder, title, text }) => {
              // Only link to sections that exist in this build (a missing one would be a broken link).
              const section = sections.find((s) => s.slug === `/${folder}`);
              return (
                <li key={folder} className={styles.pathItem}>
                  {section ? (
                    <Link to={section.permalink} className={styles.path}>
                      <span className={styles.pathTitle}>{title}</span>
                      <span className={styles.pathText}>{text}</span>
                    </Link>
                  ) : (
                    <div className={styles.path} aria-disabled="true">
                      <span className={styles.pathTitle}>{title}</span>
                      <span className={styles.pathText}>No pages yet.</span>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </nav>
      </main>
    </Layout>
  );
}
