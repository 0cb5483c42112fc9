/**
 * The `::catalog-*` directives, defined once: which exist, their attributes, and which catalog
 * section each attribute value must name. The site's remark plugin (src/remark/catalog-directives.ts)
 * renders them; the validator's `catalog/directives` check checks them against this same spec.
 */
import type { Catalog } from './schemas/catalog.ts';

export type AttrKind = 'team' | 'service' | 'environment';

/** Each directive: its attributes, which catalog section their values must name, and which are required. */
export const CATALOG_DIRECTIVES: Record<string, { attributes: Record<string, { kind: AttrKind; required: boolean }>; description: string }> = {
  'catalog-contacts': { attributes: { team: { kind: 'team', required: false } }, description: 'On-call contacts and escalation of every team (or one).' },
  'catalog-service': { attributes: { name: { kind: 'service', required: true } }, description: 'Facts of one service.' },
  'catalog-environments': { attributes: {}, description: 'Every environment: namespace, context, releases, URLs.' },
  'catalog-urls': { attributes: { env: { kind: 'environment', required: true } }, description: 'Critical URLs of one environment.' },
  'catalog-alerts': { attributes: { team: { kind: 'team', required: false } }, description: 'Alerting rules (of every team, or one): severity, duration, meaning, runbook permalink.' },
};

export function attributeValues(catalog: Catalog, kind: AttrKind): string[] {
  return Object.keys(kind === 'team' ? catalog.teams : kind === 'service' ? catalog.services : catalog.environments);
}

