/**
 * Schema of the service catalog (`src/data/catalog.yml`): environments, services, teams and external
 * dependencies. Every name a page or a command uses (namespace, deployment, Helm release, host,
 * dashboard, team) is written once, there. Pages render it with `::catalog-*` directives; checks
 * validate frontmatter and directives against it.
 */
import * as z from 'zod';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'must be lower-case kebab-case, like `api-gateway`' });
const text = z.string().trim().min(1, { error: 'must not be empty' });
const url = z.url({ error: 'must be a full URL (https://…)' }).refine((u) => /^https:\/\/([a-z0-9-]+\.)*example\.com(\/|$)/.test(u), {
  error: 'must be on example.com or one of its subdomains (reserved example domain)',
});
const host = z.string().regex(/^([a-z0-9-]+\.)*example\.com$/, { error: 'must be a host on example.com or a subdomain' });

export const linkSchema = z.strictObject({ title: text, url });

export const environmentSchema = z.strictObject({
  description: text,
  namespace: slug.meta({ description: 'Kubernetes namespace.' }),
  kube_context: text.meta({ description: 'kubectl context name.' }),
  helm_releases: z.array(slug).min(1),
  urls: z.record(slug, url).meta({ description: 'Public URLs by role: app, api, status…' }),
  /** Production is blue-green: the colour whose Deployments receive traffic is switched by patching the Services. */
  blue_green: z.boolean().default(false),
});

export const teamSchema = z.strictObject({
  name: text,
  description: text,
  chat: z.string().regex(/^#[a-z0-9-]+$/, { error: 'must be a chat channel such as `#ops-incidents`' }),
  pager: url.meta({ description: 'On-call schedule / paging URL.' }),
  on_call: text.meta({ description: 'Role paged first, e.g. "On-call engineer (platform-sre rotation)".' }),
  escalation: z.array(text).min(1).meta({ description: 'Roles to escalate to, in order, after the on-call engineer.' }),
  email: z.email().refine((e) => e.endsWith('@example.com'), { error: 'must be an @example.com address' }),
});

export const serviceSchema = z.strictObject({
  description: text,
  owner: slug.meta({ description: 'Team slug.' }),
  repository: url,
  image: z.string().regex(/^registry\.example\.com\/[a-z0-9/-]+$/, { error: 'must be an image repository on registry.example.com' }),
  port: z.number().int().min(1).max(65535),
  health: z.strictObject({ liveness: z.string().startsWith('/'), readiness: z.string().startsWith('/') }),
  /** Deployment names by environment. */
  deployments: z.record(slug, z.array(slug).min(1)),
  dashboards: z.array(linkSchema).min(1),
  /** LogQL selector for the service's logs. */
  logs: text,
});

export const dependencySchema = z.strictObject({
  description: text,
  kind: z.enum(['database', 'cache', 'cdn', 'registry', 'observability', 'external-api', 'dns', 'identity']),
  owner: slug,
  hosts: z.record(slug, host).optional(),
  dashboards: z.array(linkSchema).optional(),
  status_page: url.optional(),
});

export const catalogSchema = z
  .strictObject({
    platform: z.strictObject({ name: text, description: text, status_page: url, incident_channel: z.string().regex(/^#[a-z0-9-]+$/) }),
    environments: z.record(slug, environmentSchema),
    teams: z.record(slug, teamSchema),
    services: z.record(slug, serviceSchema),
    dependencies: z.record(slug, dependencySchema),
  });

export type Catalog = z.infer<typeof catalogSchema>;
export type CatalogService = z.infer<typeof serviceSchema>;
export type CatalogTeam = z.infer<typeof teamSchema>;
export type CatalogEnvironment = z.infer<typeof environmentSchema>;
export type CatalogDependency = z.infer<typeof dependencySchema>;

export const CATALOG_FILE = 'src/data/catalog.yml';
