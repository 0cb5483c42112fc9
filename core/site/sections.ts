/**
 * The handbook's top-level sections, in sidebar order. Each is a folder under `docs/` whose
 * sidebar category gets a generated index page at `/docs/<folder>`.
 *
 * Client-safe (no Node imports): the config, the sidebar and the home page all read it. Which
 * sections actually exist is decided at build time from the file system (`existingSections`
 * in `docusaurus.config.ts` / `sidebars.ts`) and, in the browser, from the doc-index data.
 */
export const SECTIONS = [
  { folder: 'incident-response', label: 'Incident response', description: 'Severity levels, roles, communication, escalation and post-mortems.' },
  { folder: 'runbooks', label: 'Runbooks', description: 'Step-by-step procedures from an alert or symptom to mitigation.' },
  { folder: 'troubleshooting', label: 'Troubleshooting', description: 'Diagnosis of a problem class: causes, how to tell them apart, fixes.' },
  { folder: 'rollback', label: 'Rollback', description: 'Returning to the last known good state, and verifying it.' },
  { folder: 'deployment', label: 'Deployment', description: 'Shipping a change to staging or production.' },
  { folder: 'checklists', label: 'Checklists', description: 'Boxes to tick before, during and after an operation.' },
  { folder: 'quick-reference', label: 'Quick reference', description: 'One-page printable cards: the commands and contacts needed most.' },
  { folder: 'maintenance', label: 'Maintenance', description: 'Recurring operational tasks.' },
  { folder: 'reference', label: 'Reference', description: 'Architecture, environments, metrics and other facts to look up.' },
  { folder: 'contributing', label: 'Contributing', description: 'How to write, review and check the handbook.' },
] as const;

export type Section = (typeof SECTIONS)[number];
export type SectionFolder = Section['folder'];
