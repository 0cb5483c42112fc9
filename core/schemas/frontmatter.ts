/**
 * Frontmatter schemas: the one source of truth for what a doc's frontmatter may hold.
 *
 * The doc `type` picks the schema. From these definitions we derive:
 * - the TypeScript types used by the site's components (`Frontmatter`, `RunbookFrontmatter`, ...),
 * - `static/schemas/frontmatter.schema.json` (editors, other tools),
 * - `docs/contributing/frontmatter-reference.md` (the page authors read).
 * Run `npm run generate` after editing this file; a test fails while the generated files are stale.
 */
import * as z from 'zod';
import { durationPattern, durationProblem, parseDuration, type DurationUnit } from '../duration.ts';
import { REVIEW_INTERVAL_EXAMPLES, REVIEW_INTERVAL_UNITS } from '../review.ts';

export const DOC_TYPES = [
  'runbook',
  'procedure',
  'troubleshooting',
  'rollback',
  'incident',
  'deployment',
  'checklist',
  'reference-card',
  'reference',
  'guide',
] as const;
export type DocType = (typeof DOC_TYPES)[number];

/** One severity scheme, used by runbooks, alerts and the incident process alike. */
export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CHECKLIST_PHASES = [
  'pre-deployment',
  'deployment-day',
  'post-deployment',
  'rollback',
  'incident',
  'maintenance',
  'onboarding',
] as const;

const nonEmpty = (what: string) =>
  z.string({ error: `${what} must be a string` }).trim().min(1, { error: `${what} must not be empty` });

const slug = (what: string) =>
  nonEmpty(what).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: `${what} must be lower-case kebab-case, like \`api-gateway\``,
  });

/** `YYYY-MM-DD`, a real calendar date. (Whether it is in the future is checked against the clock.) */
export const isoDate = z
  .string({ error: 'must be a date written as YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written as YYYY-MM-DD' })
  .refine((value) => {
    const [y, m, d] = value.split('-').map(Number);
    const date = new Date(Date.UTC(y!, m! - 1, d!));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m! - 1 && date.getUTCDate() === d;
  }, { error: 'is not a real calendar date' });

/** A string in the duration grammar of core/duration.ts, over `units`, greater than zero. */
const durationOf = (units: readonly DurationUnit[], examples: string) => {
  const problem = (input: unknown) => durationProblem(String(input), units, examples) ?? `must be a duration such as ${examples}`;
  return z
    .string({ error: `must be a duration such as ${examples}` })
    .regex(durationPattern(units), { error: (issue) => problem(issue.input), abort: true })
    .refine((value) => (parseDuration(value) ?? 0) > 0, { error: (issue) => problem(issue.input) });
};

/** `90d` or `12w`: how often the page must be re-reviewed. */
export const reviewInterval = durationOf(REVIEW_INTERVAL_UNITS, REVIEW_INTERVAL_EXAMPLES);

/** `15m`, `1h`, `2h30m`: how long a procedure takes. */
const duration = durationOf(['h', 'm'], '`15m` or `1h30m`');

export const RUNBOOK_ID_PATTERN = /^RB-\d{3}$/;
const runbookId = z
  .string({ error: 'must be a runbook id such as `RB-007`' })
  .regex(RUNBOOK_ID_PATTERN, { error: 'must be a runbook id such as `RB-007` (RB-, then three digits)' });

const alertName = z
  .string({ error: 'must be an alert name' })
  .regex(/^[A-Z][A-Za-z0-9]*$/, { error: 'must be a Prometheus alert name in PascalCase, like `HighErrorRate`' });

const list = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item, { error: `${what} must be a list` });

/** Keys Docusaurus itself understands and that authors may use on any page. */
const docusaurusKeys = {
  id: slug('id').optional().meta({ description: 'Docusaurus doc id (defaults to the file name).' }),
  slug: nonEmpty('slug').optional().meta({ description: 'URL path of the page, overriding the file path.' }),
  sidebar_label: nonEmpty('sidebar_label').optional().meta({ description: 'Shorter label for the sidebar.' }),
  sidebar_position: z.number({ error: 'sidebar_position must be a number' }).optional()
    .meta({ description: 'Order within its sidebar category.' }),
  keywords: list(nonEmpty('keyword'), 'keywords').optional()
    .meta({ description: 'Extra search keywords and `<meta name="keywords">`.' }),
  hide_table_of_contents: z.boolean({ error: 'hide_table_of_contents must be true or false' }).optional()
    .meta({ description: 'Hide the right-hand table of contents.' }),
  toc_max_heading_level: z.number().int().min(2).max(6).optional()
    .meta({ description: 'Deepest heading level in the table of contents.' }),
  pagination_next: z.string().nullable().optional().meta({ description: 'Doc id of the "Next" link, or null.' }),
  pagination_prev: z.string().nullable().optional().meta({ description: 'Doc id of the "Previous" link, or null.' }),
  draft: z.boolean().optional().meta({ description: 'Drafts are left out of production builds.' }),
  unlisted: z.boolean().optional().meta({ description: 'Built, but hidden from sidebars and search.' }),
};

const common = {
  title: nonEmpty('title').meta({ description: 'Page title, shown as the H1. Say what the reader is fixing.' }),
  description: nonEmpty('description').max(300, { error: 'description must be at most 300 characters' })
    .meta({ description: 'One or two sentences: when to use this page. Shown in search results and link previews.' }),
  owner: slug('owner').meta({ description: 'Team that owns the page and keeps it true (a team slug, e.g. `platform-sre`).' }),
  last_reviewed: isoDate.optional().meta({
    description: 'Required. Date of the last full review, `YYYY-MM-DD`. Not in the future.',
  }),
  review_interval: reviewInterval.optional().meta({
    description: 'Required. How often the page must be reviewed: `90d` or `12w` (no months: `m` means minutes, write `180d`). Past `last_reviewed` + interval the page is overdue.',
  }),
  generated_from: nonEmpty('generated_from').optional().meta({
    description: 'Set only by `npm run generate` on pages generated from code (the source path). Such pages are reviewed with their source and carry no review dates.',
  }),
  tags: list(nonEmpty('tag'), 'tags').optional()
    .meta({ description: 'Tags from the controlled list in `docs/tags.yml`.' }),
  related: list(nonEmpty('related entry'), 'related').optional()
    .meta({ description: 'Related docs: runbook ids (`RB-007`) or relative paths (`../rollback/helm-rollback.md#anchor`).' }),
  ...docusaurusKeys,
};

const services = list(slug('service'), 'services').min(1, { error: 'services must name at least one service' })
  .meta({ description: 'Services the page is about (slugs, e.g. `api-gateway`).' });
const symptoms = list(nonEmpty('symptom'), 'symptoms').min(1, { error: 'symptoms must list at least one symptom' })
  .meta({
    description: 'What the on-call engineer sees: exact error strings, log lines and phrases. These are indexed for search.',
  });
const severity = z.enum(SEVERITIES, { error: `severity must be one of ${SEVERITIES.join(', ')}` });
const environments = list(slug('environment'), 'environments').min(1, { error: 'environments must name at least one environment' })
  .meta({ description: 'Environments the procedure targets (e.g. `staging`, `production`).' });
const estimatedTime = duration.optional().meta({ description: 'How long the procedure usually takes: `15m`, `1h30m`.' });

/** Hand-written pages carry review dates; generated pages (`generated_from`) are reviewed with their source. */
export const REVIEW_KEYS = ['last_reviewed', 'review_interval'] as const;

const typed = <T extends DocType, S extends z.ZodRawShape>(type: T, shape: S, description: string) => {
  let schema = z.strictObject({ type: z.literal(type).meta({ description: 'Doc type; picks this schema.' }), ...common, ...shape });
  for (const key of REVIEW_KEYS) {
    schema = schema.refine(
      (value: Record<string, unknown>) => typeof value !== 'object' || value === null || value['generated_from'] !== undefined || value[key] !== undefined,
      { path: [key], error: `missing required key \`${key}\``, when: () => true },
    ) as unknown as typeof schema;
  }
  return schema.meta({ title: type, description });
};

export const schemas = {
  runbook: typed('runbook', {
    runbook_id: runbookId.meta({ description: 'Stable, unique runbook id (`RB-001`). Never reused, never renumbered.' }),
    severity: severity.meta({ description: 'Severity this situation usually maps to (see the incident severity levels).' }),
    services,
    alerts: list(alertName, 'alerts').optional()
      .meta({ description: 'Names of the Prometheus alerts this runbook answers.' }),
    symptoms,
    estimated_time: estimatedTime,
  }, 'A procedure that takes an on-call engineer from an alert or symptom to mitigation.'),
  procedure: typed('procedure', {
    services: services.optional(),
    environments: environments.optional(),
    estimated_time: estimatedTime,
  }, 'A planned operational task done on purpose (backup, restore, scaling, secret rotation, certificate renewal): a task runbook.'),
  troubleshooting: typed('troubleshooting', {
    services,
    symptoms,
  }, 'Diagnosis of a problem class: causes, how to tell them apart, fixes.'),
  rollback: typed('rollback', {
    services,
    triggers: list(nonEmpty('trigger'), 'triggers').min(1, { error: 'triggers must list at least one trigger' })
      .meta({ description: 'Conditions that call for this rollback (e.g. "error rate above 5% for 5 minutes").' }),
    estimated_time: estimatedTime,
  }, 'How to return to the last good state, and how to verify it.'),
  incident: typed('incident', {
    severities: list(severity, 'severities').optional()
      .meta({ description: 'Severity levels the page applies to (omit for all).' }),
  }, 'Incident-response process: roles, communication, escalation, post-mortems.'),
  deployment: typed('deployment', {
    services,
    environments,
    estimated_time: estimatedTime,
  }, 'How to ship a change to an environment.'),
  checklist: typed('checklist', {
    phase: z.enum(CHECKLIST_PHASES, { error: `phase must be one of ${CHECKLIST_PHASES.join(', ')}` })
      .meta({ description: 'When the checklist is used.' }),
    environments: environments.optional(),
  }, 'A list of boxes to tick at a given moment (before, during, after a deployment...).'),
  'reference-card': typed('reference-card', {
    services: services.optional(),
  }, 'A one-page, printable card of the commands and contacts needed most.'),
  reference: typed('reference', {
    services: services.optional(),
  }, 'Facts to look up: architecture, environments, metrics, glossary.'),
  guide: typed('guide', {
    audience: list(nonEmpty('audience'), 'audience').optional()
      .meta({ description: 'Who the guide is for, as roles (e.g. "On-call engineer").' }),
  }, 'Explanations and how-tos that are not incident procedures.'),
} satisfies Record<DocType, z.ZodType>;

/** Discriminated union of every doc type (used for the JSON Schema). */
export const frontmatterSchema = z.discriminatedUnion('type', [
  schemas.runbook,
  schemas.procedure,
  schemas.troubleshooting,
  schemas.rollback,
  schemas.incident,
  schemas.deployment,
  schemas.checklist,
  schemas['reference-card'],
  schemas.reference,
  schemas.guide,
]);

export type Frontmatter = z.infer<typeof frontmatterSchema>;
export type RunbookFrontmatter = z.infer<typeof schemas.runbook>;
export type TroubleshootingFrontmatter = z.infer<typeof schemas.troubleshooting>;
export type RollbackFrontmatter = z.infer<typeof schemas.rollback>;
export type IncidentFrontmatter = z.infer<typeof schemas.incident>;
export type DeploymentFrontmatter = z.infer<typeof schemas.deployment>;
export type ChecklistFrontmatter = z.infer<typeof schemas.checklist>;
export type ReferenceCardFrontmatter = z.infer<typeof schemas['reference-card']>;
export type ReferenceFrontmatter = z.infer<typeof schemas.reference>;
export type GuideFrontmatter = z.infer<typeof schemas.guide>;

export function isDocType(value: unknown): value is DocType {
  return typeof value === 'string' && (DOC_TYPES as readonly string[]).includes(value);
}

