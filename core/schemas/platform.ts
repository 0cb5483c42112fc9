/**
 * Schema of the platform model (`src/data/platform.yml`): what the platform is, beyond the names of
 * the service catalog. Metrics with their labels, log labels, the HorizontalPodAutoscalers, Secrets
 * and ConfigMaps with their keys, ingresses, Redis endpoints, queues and key prefixes, database
 * roles, and the policy figures pages repeat. Pages render it with `::platform-*` directives;
 * checks (PromQL, LogQL, commands, policy figures) hold pages and scripts to it.
 */
import * as z from 'zod';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'must be lower-case kebab-case, like `api-gateway`' });
const text = z.string().trim().min(1, { error: 'must not be empty' });
const labelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, { error: 'must be a Prometheus label name (letters, digits, `_`)' });
const metricName = z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, { error: 'must be a Prometheus metric name' });
const envVar = z.string().regex(/^[A-Z][A-Z0-9_]*$/, { error: 'must be an upper-case environment variable name' });
const host = z.string().regex(/^([a-z0-9-]+\.)*example\.com$/, { error: 'must be a host on example.com or a subdomain' });
/** A Kubernetes object name, where `<colour>` stands for `blue` and `green`. */
const objectName = z.string().regex(/^[a-z0-9.-]*(?:<colour>[a-z0-9.-]*)?$/, { error: 'must be a Kubernetes name, optionally with `<colour>`' });

export const labelSpecSchema = z.strictObject({
  meaning: text,
  /** The closed set of values, when there is one: a matcher `label="x"` must use one of them. */
  values: z.array(z.string().min(1)).min(1).optional(),
  /** Names people wrongly use for this label (`app` for `service`): a matcher on one gets this label as its "did you mean". */
  aliases: z.array(z.string()).optional(),
});

export const metricSchema = z.strictObject({
  type: z.enum(['counter', 'gauge', 'histogram', 'summary']),
  help: text,
  source: text.meta({ description: 'Who exports it: the service, kube-state-metrics, cAdvisor, an exporter.' }),
  /** Labels of the metric; `~` (null) takes the meaning from `common_labels`. */
  labels: z.record(labelName, z.union([z.null(), labelSpecSchema])).default({}),
});

export const hpaSchema = z.strictObject({
  min: z.number().int().min(0),
  max: z.number().int().min(1),
  target_cpu_percent: z.number().int().min(1).max(100),
  /** The idle colour's deployment sits at 0 replicas, where an HPA does nothing: `kubectl scale` starts or stops it. */
  idle_at_zero: z.boolean().default(false),
  note: text.optional(),
});

export const keySchema = z.strictObject({ meaning: text });

export const envVarSchema = z.strictObject({
  services: z.array(slug).min(1),
  meaning: text,
  /** Where the pod gets it: the ConfigMap of the release, or the `platform-env` Secret. */
  source: z.enum(['configmap', 'secret']),
  set_by_chart: z.boolean().default(false),
  example: text,
});

export const secretSchema = z.strictObject({
  description: text,
  environments: z.array(slug).min(1),
  /** Keys of the Secret; `from_env` adds every `source: secret` environment variable. */
  keys: z.record(z.string().regex(/^[A-Za-z0-9._-]+$/), keySchema).default({}),
  from_env: z.boolean().default(false),
  source: text.meta({ description: 'Where the values come from (Vault path, cert-manager, the registry).' }),
});

export const configMapSchema = z.strictObject({
  description: text,
  /** Name per environment (`<colour>` in production). */
  names: z.record(slug, objectName),
  keys: z.record(z.string().regex(/^[A-Za-z0-9._-]+$/), keySchema).default({}),
  /** Keys are the `source: configmap` environment variables. */
  from_env: z.boolean().default(false),
});

export const ingressSchema = z.strictObject({
  environments: z.array(slug).min(1),
  host,
  service: slug,
  tls_secret: objectName,
  canary: z.boolean().default(false),
  description: text,
});

export const redisSchema = z.strictObject({
  host,
  port: z.number().int().min(1).max(65535),
  tls: z.boolean(),
  environments: z.array(slug).min(1),
});

export const keyPrefixSchema = z.strictObject({ holds: text, deletable: z.boolean(), note: text.optional() });

export const roleSchema = z.strictObject({
  description: text,
  used_by: text,
  /** What the role may do, in SQL terms: `select`, `dml`, `ddl`, `drop`, `roles`, `restore`. */
  may: z.array(z.enum(['select', 'dml', 'ddl', 'drop', 'roles', 'restore', 'replication'])).min(1),
  credentials: text.meta({ description: 'Where its password is: a Secret and key.' }),
});

/** A variable of a shipped script whose default is a policy's figure. */
export const scriptDefaultSchema = z.strictObject({
  file: z.string().regex(/^static\/scripts\/[\w.-]+\.sh$/),
  variable: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  /** How the default writes the figure: a ratio (`0.01` for 1%) or a number of minutes. */
  as: z.enum(['ratio', 'minutes']),
  /** The option that sets it (`--max-error-ratio`), whose documented default must agree. */
  option: z.string().regex(/^--[a-z-]+$/).optional(),
});

/** A figure stated once and rendered where pages state it (`::policy{id=…}`). */
export const policySchema = z.strictObject({
  /** The figure as pages write it: `15 minutes`, `5 working days`, `1%`. */
  value: text,
  /** What it is about, in a few words (rendered with the figure in the policy table). */
  about: text,
  /**
   * Words that, in one sentence with a figure, mean the sentence states this policy (lower case,
   * all must occur): `[post-mortem, within]`.
   */
  match: z.array(z.array(z.string().min(1)).min(1)).min(1),
  /** Words that mean a matching sentence is about something else (`baseline` for a sustained rate): it is not checked. */
  unless: z.array(z.string().min(1)).optional(),
  /** Where the figure is decided (the page that owns it). */
  owner_page: z.string().regex(/^docs\/.+\.md$/),
  /**
   * Script defaults that implement the policy (`MAX_ERROR_RATIO="0.01"` for `above 1%`): the check
   * policy/script-defaults holds each to the policy's figure, and the documented default of its option.
   */
  scripts: z.array(scriptDefaultSchema).optional(),
});

export const SEVERITY_LEVELS = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
const severityLevel = z.enum(SEVERITY_LEVELS);

/** A severity level: what it means (`::platform-severity-levels` renders it with its situations). */
export const severityLevelSchema = z.strictObject({ definition: text });

/**
 * A situation and its severity (`:severity{situation=…}` renders it). `severity` lists the levels
 * pages may give it, the usual one first (the row of the severity table it is an example in).
 */
export const situationSchema = z.strictObject({
  severity: z.array(severityLevel).min(1),
  /** The situation as the severity table lists it (with `code spans`). */
  example: text,
  /** Words that, in one sentence or table row with a SEV level, mean it states this situation's severity (lower case, all must occur). */
  match: z.array(z.array(z.string().min(1)).min(1)).min(1),
});

export const platformSchema = z.strictObject({
  common_labels: z.record(labelName, labelSpecSchema),
  /** Labels Prometheus adds to every scraped series (`job`, `instance`). */
  scrape_labels: z.array(labelName).default([]),
  metrics: z.record(metricName, metricSchema),
  log_labels: z.record(labelName, labelSpecSchema),
  /** HPAs by environment, keyed by the deployment they scale (which is also the HPA's name). */
  autoscaling: z.record(slug, z.record(slug, hpaSchema)),
  environment_variables: z.record(envVar, envVarSchema),
  secrets: z.record(slug, secretSchema),
  config_maps: z.record(slug, configMapSchema),
  ingresses: z.record(slug, ingressSchema),
  redis: z.record(slug, redisSchema),
  queues: z.record(z.string().regex(/^[a-z]+:[a-z0-9:-]+$/), z.strictObject({ description: text, producers: z.array(slug), consumers: z.array(slug) })),
  redis_key_prefixes: z.record(z.string().regex(/^[a-z]+:$/), keyPrefixSchema),
  database_roles: z.record(z.string().regex(/^[a-z_][a-z0-9_]*$/), roleSchema),
  policies: z.record(slug, policySchema),
  severity_levels: z.strictObject({ SEV1: severityLevelSchema, SEV2: severityLevelSchema, SEV3: severityLevelSchema, SEV4: severityLevelSchema }),
  situations: z.record(slug, situationSchema),
});

export type Platform = z.infer<typeof platformSchema>;
export type PlatformMetric = z.infer<typeof metricSchema>;
export type LabelSpec = z.infer<typeof labelSpecSchema>;
export type Hpa = z.infer<typeof hpaSchema>;
export type Policy = z.infer<typeof policySchema>;
export type Situation = z.infer<typeof situationSchema>;
export type SeverityLevel = (typeof SEVERITY_LEVELS)[number];

/** How pages write a situation's severity: `SEV2`, `SEV1 or SEV2` (in level order). */
export const severityText = (s: Situation): string => [...s.severity].sort().join(' or ');

export const PLATFORM_FILE = 'src/data/platform.yml';

/** The labels a metric has (its own, the common ones it names, and the scrape labels), with their spec. */
export function metricLabels(platform: Platform, metric: PlatformMetric): Map<string, LabelSpec | undefined> {
  const out = new Map<string, LabelSpec | undefined>();
  for (const [name, spec] of Object.entries(metric.labels)) out.set(name, spec ?? platform.common_labels[name]);
  for (const name of platform.scrape_labels) if (!out.has(name)) out.set(name, platform.common_labels[name]);
  return out;
}

/** Every key of a Secret (its own keys, plus the secret environment variables when `from_env`). */
export function secretKeys(platform: Platform, name: string): string[] {
  const s = platform.secrets[name];
  if (!s) return [];
  const env = s.from_env ? Object.entries(platform.environment_variables).filter(([, v]) => v.source === 'secret').map(([k]) => k) : [];
  return [...Object.keys(s.keys), ...env];
}

/** Every key of a ConfigMap. */
export function configMapKeys(platform: Platform, name: string): string[] {
  const c = platform.config_maps[name];
  if (!c) return [];
  const env = c.from_env ? Object.entries(platform.environment_variables).filter(([, v]) => v.source === 'configmap').map(([k]) => k) : [];
  return [...Object.keys(c.keys), ...env];
}

/** The concrete names of a ConfigMap in an environment (`<colour>` expanded to blue and green). */
export const expandColour = (name: string): string[] => (name.includes('<colour>') ? ['blue', 'green'].map((c) => name.replace('<colour>', c)) : [name]);
