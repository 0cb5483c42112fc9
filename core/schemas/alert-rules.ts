/**
 * Schema of a Prometheus rule file (`src/data/alerts/*.rules.yml`), as Prometheus reads it, with the
 * conventions of this handbook: a `severity` label from the one severity scheme, a `team` label, and
 * a `runbook_url` annotation pointing at the alert's permalink.
 */
import * as z from 'zod';
import { SEVERITIES } from './frontmatter.ts';

const duration = z.string().regex(/^(\d+(ms|s|m|h|d|w|y))+$/, { error: 'must be a Prometheus duration such as `5m`' });

export const alertingRuleSchema = z.strictObject({
  alert: z.string().regex(/^[A-Z][A-Za-z0-9]*$/, { error: 'alert names are PascalCase, like `ApiHighErrorRate`' }),
  expr: z.string().trim().min(1, { error: 'expr must not be empty' }),
  for: duration.optional(),
  keep_firing_for: duration.optional(),
  labels: z.looseObject({
    severity: z.enum(SEVERITIES, { error: `severity must be one of ${SEVERITIES.join(', ')}` }),
    team: z.string().min(1),
  }),
  annotations: z.looseObject({
    summary: z.string().min(1),
    description: z.string().min(1).optional(),
    runbook_url: z.url({ error: 'runbook_url must be a URL' }),
  }),
});

export const recordingRuleSchema = z.strictObject({
  record: z.string().min(1),
  expr: z.string().min(1),
  labels: z.record(z.string(), z.string()).optional(),
});

export const ruleFileSchema = z.strictObject({
  groups: z.array(
    z.strictObject({
      name: z.string().min(1),
      interval: duration.optional(),
      rules: z.array(z.union([alertingRuleSchema, recordingRuleSchema])),
    }),
  ),
});

export type AlertingRule = z.infer<typeof alertingRuleSchema>;
