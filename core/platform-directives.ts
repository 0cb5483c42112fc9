/**
 * The `::platform-*` directives and the `:policy` and `:severity` text directives, defined once: which exist, their
 * attributes, and which part of the platform model (src/data/platform.yml) each attribute value must
 * name. The site's remark plugin (src/remark/platform-directives.ts) renders them; the validator's
 * `platform/directives` check checks them against this same spec.
 */
import type { Platform } from './schemas/platform.ts';

export type PlatformAttrKind = 'environment' | 'service' | 'policy' | 'situation';

export interface PlatformDirectiveSpec {
  attributes: Record<string, { kind: PlatformAttrKind; required: boolean }>;
  description: string;
  /** `text` for inline directives (`:policy{id=…}`), `leaf` for blocks on their own line. */
  form: 'leaf' | 'text';
}

export const PLATFORM_DIRECTIVES: Record<string, PlatformDirectiveSpec> = {
  'platform-metrics': { form: 'leaf', attributes: {}, description: 'Every metric: type, labels (with their values when the set is closed), source, meaning.' },
  'platform-labels': { form: 'leaf', attributes: {}, description: 'The labels metrics share, with their meaning and values.' },
  'platform-log-labels': { form: 'leaf', attributes: {}, description: 'The labels of the log streams (LogQL selectors).' },
  'platform-hpas': { form: 'leaf', attributes: { env: { kind: 'environment', required: true } }, description: 'The HPAs of an environment: deployment, min, max, CPU target.' },
  'platform-env-vars': { form: 'leaf', attributes: { service: { kind: 'service', required: false } }, description: 'Environment variables of one service (or those every service reads).' },
  'platform-secrets': { form: 'leaf', attributes: {}, description: 'Every Secret: keys, environments, where the values come from.' },
  'platform-config-maps': { form: 'leaf', attributes: {}, description: 'Every ConfigMap: name per environment, keys.' },
  'platform-ingresses': { form: 'leaf', attributes: {}, description: 'Every ingress: host, service, TLS Secret.' },
  'platform-redis': { form: 'leaf', attributes: {}, description: 'Redis endpoints (host, port, TLS), queues and key prefixes.' },
  'platform-database-roles': { form: 'leaf', attributes: {}, description: 'Database roles: who uses each, what it may do, where its credentials are.' },
  'platform-policies': { form: 'leaf', attributes: {}, description: 'Every policy figure with what it is about and the page that owns it.' },
  'platform-severity-levels': { form: 'leaf', attributes: {}, description: 'The severity levels: what each means, and the situations that are examples of it.' },
  policy: { form: 'text', attributes: { id: { kind: 'policy', required: true } }, description: 'One policy figure, inline: `:policy{id=post-mortem-deadline}`.' },
  severity: { form: 'text', attributes: { situation: { kind: 'situation', required: true } }, description: 'The severity of one situation, inline: `:severity{situation=redis-down}` (`SEV2`).' },
};

export function platformAttributeValues(platform: Platform, catalogEnvs: string[], catalogServices: string[], kind: PlatformAttrKind): string[] {
  if (kind === 'policy') return Object.keys(platform.policies);
  if (kind === 'situation') return Object.keys(platform.situations);
  if (kind === 'environment') return catalogEnvs.filter((e) => e in platform.autoscaling);
  return catalogServices;
}

/** Names a directive of this family starts with. */
export const isPlatformDirective = (name: string): boolean => name.startsWith('platform') || name === 'policy' || name === 'severity';
