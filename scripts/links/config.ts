/**
 * `links.config.yml` at the repository root: how external links are probed, and which URLs are
 * ignored or allowed, each with the reason a reviewer needs. Validated with zod; every problem is
 * positioned in the file and reported under the rule `links/config`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { loadDataFile } from '../validate/engine/load.ts';
import { locateIssues } from '../validate/engine/yaml-issues.ts';
import type { Problem } from '../validate/engine/types.ts';
import { parseDuration } from '../../core/duration.ts';

export const CONFIG_FILE = 'links.config.yml';
export const CONFIG_RULE = 'links/config';

/** `250ms`, `10s`, `5m`, `24h`, `7d`, or a number of milliseconds. */
const duration = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    const ms = parseDuration(v);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `must be a duration such as \`500ms\`, \`10s\`, \`24h\` or \`7d\`, not \`${String(v)}\`` });
      return z.NEVER;
    }
    return ms;
  });

const pattern = z.string().min(1).superRefine((p, ctx) => {
  try {
    new RegExp(p);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}` });
  }
});

const reason = z.string().trim().min(10, { error: 'must say why, in a sentence a reviewer can check (10 characters at least)' });

const ignoreEntry = z.strictObject({
  pattern: pattern.meta({ description: 'Regular expression matched against the whole URL.' }),
  reason,
});

const allowEntry = z.strictObject({
  pattern,
  reason,
  /** HTTP statuses accepted as alive for these URLs; without it, any "unverified" result is accepted. */
  statuses: z.array(z.number().int().min(100).max(599)).min(1).optional(),
});

const hostLimits = z.strictObject({
  concurrency: z.number().int().min(1).max(64).optional(),
  interval: duration.optional(),
});

export const linksConfigSchema = z.strictObject({
  timeout: duration.default(10_000),
  retries: z.number().int().min(0).max(10).default(2),
  backoff: duration.default(1000),
  maxRetryAfter: duration.default(60_000),
  concurrency: z.number().int().min(1).max(256).default(16),
  perHost: z.strictObject({ concurrency: z.number().int().min(1).max(64).default(2), interval: duration.default(100) }).default({ concurrency: 2, interval: 100 }),
  hosts: z.record(z.string().min(1), hostLimits).default({}),
  maxPageBytes: z.number().int().min(1024).default(5 * 1024 * 1024),
  userAgent: z.string().min(1).optional(),
  cache: z
    .strictObject({ file: z.string().min(1).default('.cache/link-check.json'), maxAge: duration.default(86_400_000), failedMaxAge: duration.default(3_600_000) })
    .default({ file: '.cache/link-check.json', maxAge: 86_400_000, failedMaxAge: 3_600_000 }),
  ignore: z.array(ignoreEntry).default([]),
  allow: z.array(allowEntry).default([]),
});

export type LinksConfigInput = z.input<typeof linksConfigSchema>;
export type LinksConfig = z.output<typeof linksConfigSchema> & {
  ignoreRules: { regex: RegExp; reason: string }[];
  allowRules: { regex: RegExp; reason: string; statuses?: number[] }[];
};

function compile(config: z.output<typeof linksConfigSchema>): LinksConfig {
  return {
    ...config,
    ignoreRules: config.ignore.map((e) => ({ regex: new RegExp(e.pattern), reason: e.reason })),
    allowRules: config.allow.map((e) => ({ regex: new RegExp(e.pattern), reason: e.reason, statuses: e.statuses })),
  };
}

/** The configuration from an object (tests): throws on invalid input. */
export function configFrom(input: LinksConfigInput = {}): LinksConfig {
  return compile(linksConfigSchema.parse(input));
}

const keysAt = (path: readonly PropertyKey[]): string[] => {
  const [head] = path;
  if (path.length === 0) return Object.keys(linksConfigSchema.shape);
  if (head === 'perHost') return ['concurrency', 'interval'];
  if (head === 'cache') return ['file', 'maxAge', 'failedMaxAge'];
  if (head === 'ignore') return ['pattern', 'reason'];
  if (head === 'allow') return ['pattern', 'reason', 'statuses'];
  if (head === 'hosts') return ['concurrency', 'interval'];
  return [];
};

/**
 * Reads `links.config.yml` (or `path`). A missing file means the defaults. Invalid YAML or values
 * give positioned problems instead of a configuration.
 */
export function loadConfig(root: string, path = CONFIG_FILE): { config: LinksConfig; problems: [] } | { config: null; problems: Problem[] } {
  let text: string;
  try {
    text = readFileSync(join(root, path), 'utf8');
  } catch {
    return { config: compile(linksConfigSchema.parse({})), problems: [] };
  }
  const file = loadDataFile(path, text);
  const problem = (offset: number, message: string): Problem => ({ file: path, ...file.lines.position(offset), rule: CONFIG_RULE, severity: 'error', message });
  if (file.doc.errors.length > 0) {
    return { config: null, problems: file.doc.errors.map((e) => problem(e.pos[0], `invalid YAML: ${e.message.split('\n')[0]}`)) };
  }
  const parsed = linksConfigSchema.safeParse(file.data ?? {});
  if (!parsed.success) {
    const located = locateIssues(file.doc, file.data, parsed.error.issues, { allowedKeys: keysAt });
    return { config: null, problems: located.map((l) => problem(l.offset, l.message)).sort((a, b) => a.line - b.line || a.column - b.column) };
  }
  return { config: compile(parsed.data), problems: [] };
}

/** The first ignore rule matching `url`, if any. */
export function ignoredBy(config: LinksConfig, url: string) {
  return config.ignoreRules.find((r) => r.regex.test(url));
}

/** The limits that apply to one host (`hostname` or `hostname:port`). */
export function hostLimitsFor(config: LinksConfig, host: string): { concurrency: number; interval: number } {
  const hostname = host.replace(/:\d+$/, '');
  const own = config.hosts[host] ?? config.hosts[hostname];
  return { concurrency: own?.concurrency ?? config.perHost.concurrency, interval: own?.interval ?? config.perHost.interval };
}
