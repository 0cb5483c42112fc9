/**
 * Renders the platform model (src/data/platform.yml) in plain Markdown, at build time, so that a
 * metric's labels, an HPA's bounds, a Secret's keys or a policy figure is written once:
 *
 *   ::platform-metrics            metrics: type, labels and their values, source
 *   ::platform-labels             labels metrics share
 *   ::platform-log-labels         labels of the log streams
 *   ::platform-hpas{env=production}  HPAs: deployment, min, max, CPU target
 *   ::platform-env-vars{service=worker}  environment variables of a service (no attribute: of every service)
 *   ::platform-secrets, ::platform-config-maps, ::platform-ingresses, ::platform-redis,
 *   ::platform-database-roles, ::platform-policies
 *   ::platform-severity-levels    the severity levels with their situations
 *   :policy{id=post-mortem-deadline}   one policy figure, inline
 *   :severity{situation=redis-down}    the severity of one situation, inline (`SEV2`)
 *
 * `npm run validate` checks these directives (rule platform/directives) against the same spec.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PhrasingContent, Root, RootContent, Table, TableCell, TableRow } from 'mdast';
import { parse } from 'yaml';
import { visit } from 'unist-util-visit';
import { SEVERITY_LEVELS, configMapKeys, metricLabels, platformSchema, secretKeys, severityText, type Platform, type LabelSpec } from '../../core/schemas/platform.ts';
import { PLATFORM_DIRECTIVES, isPlatformDirective } from '../../core/platform-directives.ts';

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const code = (value: string): PhrasingContent => ({ type: 'inlineCode', value });
const strong = (value: string): PhrasingContent => ({ type: 'strong', children: [text(value)] });
const cell = (...children: PhrasingContent[]): TableCell => ({ type: 'tableCell', children });
const joined = (items: PhrasingContent[], sep = ', '): PhrasingContent[] => items.flatMap((item, i) => (i === 0 ? [item] : [text(sep), item]));

/** Text with `code spans`, as written in the model. */
export function inline(value: string): PhrasingContent[] {
  return value.split('`').flatMap((part, i) => (part === '' ? [] : [i % 2 === 1 ? code(part) : text(part)]));
}

function table(header: string[], rows: TableCell[][]): Table {
  const row = (cells: TableCell[]): TableRow => ({ type: 'tableRow', children: cells });
  return { type: 'table', align: header.map(() => null), children: [row(header.map((h) => cell(text(h)))), ...rows.map(row)] };
}

const labelCell = (name: string, spec: LabelSpec | undefined): PhrasingContent[] =>
  spec?.values ? [code(name), text(' ('), ...joined(spec.values.map(code), ' / '), text(')')] : [code(name)];

function metrics(p: Platform): Table {
  return table(
    ['Metric', 'Type', 'Labels', 'Source', 'Meaning'],
    Object.entries(p.metrics).map(([name, m]) => {
      const labels = [...metricLabels(p, m)].filter(([l]) => !p.scrape_labels.includes(l) || l in m.labels);
      return [cell(code(name)), cell(text(m.type)), cell(...labels.flatMap(([l, s], i) => [...(i === 0 ? [] : [text('; ')]), ...labelCell(l, s)])), cell(text(m.source)), cell(...inline(m.help))];
    }),
  );
}

function labels(specs: Record<string, LabelSpec>): Table {
  return table(['Label', 'Meaning', 'Values'], Object.entries(specs).map(([name, s]) => [cell(code(name)), cell(...inline(s.meaning)), cell(...(s.values ? joined(s.values.map(code)) : [text('any')]))]));
}

function hpas(p: Platform, env: string): Table {
  return table(
    ['Deployment (and its HPA)', 'Min', 'Max', 'CPU target', 'Notes'],
    Object.entries(p.autoscaling[env] ?? {}).map(([name, h]) => [cell(code(name)), cell(text(String(h.min))), cell(text(String(h.max))), cell(text(`${h.target_cpu_percent}%`)), cell(...inline(h.note ?? ''))]),
  );
}

function envVars(p: Platform, service?: string): Table {
  const all = Object.entries(p.environment_variables);
  const every = (services: string[]) => ['api-gateway', 'web', 'worker'].every((s) => services.includes(s));
  const rows = all.filter(([, v]) => (service ? v.services.includes(service) && !every(v.services) : every(v.services)));
  const source = (v: (typeof all)[number][1]): PhrasingContent[] => (v.source === 'secret' ? [text('Secret '), code('platform-env')] : [text(v.set_by_chart ? 'ConfigMap (set by the chart)' : 'ConfigMap')]);
  return table(['Name', 'Meaning', 'Source', 'Example'], rows.map(([name, v]) => [cell(code(name)), cell(...inline(v.meaning)), cell(...source(v)), cell(...inline(v.example))]));
}

function secrets(p: Platform): Table {
  return table(
    ['Secret', 'What it holds', 'Keys', 'Environments', 'Values from'],
    Object.entries(p.secrets).map(([name, s]) => [cell(code(name)), cell(...inline(s.description)), cell(...joined(secretKeys(p, name).map(code))), cell(text(s.environments.join(', '))), cell(...inline(s.source))]),
  );
}

function configMaps(p: Platform): Table {
  return table(
    ['ConfigMap', 'What it holds', 'Name per environment', 'Keys'],
    Object.entries(p.config_maps).map(([key, c]) => {
      const keys = configMapKeys(p, key);
      return [cell(strong(key)), cell(...inline(c.description)), cell(...Object.entries(c.names).flatMap(([env, n], i) => [text(`${i === 0 ? '' : '; '}${env}: `), code(n)])), cell(...(keys.length ? joined(keys.map(code)) : [text('one per flag')]))];
    }),
  );
}

function ingresses(p: Platform): Table {
  return table(
    ['Ingress', 'Host', 'Service', 'TLS Secret', 'Environments', 'What'],
    Object.entries(p.ingresses).map(([name, i]) => [cell(code(name)), cell(code(i.host)), cell(code(i.service)), cell(code(i.tls_secret)), cell(text(i.environments.join(', '))), cell(...inline(i.description))]),
  );
}

function redis(p: Platform): RootContent[] {
  const endpoints = table(
    ['Redis', 'Host', 'Port', 'TLS', 'redis-cli'],
    Object.entries(p.redis).map(([name, r]) => [cell(strong(name)), cell(code(r.host)), cell(text(String(r.port))), cell(text(r.tls ? 'yes' : 'no')), cell(code(`redis-cli -h ${r.host}${r.port === 6379 ? '' : ` -p ${r.port}`}${r.tls ? ' --tls' : ''}`))]),
  );
  const keys = table(
    ['Key', 'Holds', 'May be deleted?'],
    [
      ...Object.entries(p.queues).map(([name, q]) => [cell(code(name)), cell(...inline(`${q.description}; pushed by ${q.producers.join(', ')}, taken by ${q.consumers.join(', ')}`)), cell(strong('Never'), text(': jobs are lost'))]),
      ...Object.entries(p.redis_key_prefixes).map(([prefix, k]) => [cell(code(`${prefix}*`)), cell(...inline(k.holds)), cell(...(k.deletable ? [text('Yes')] : [strong('No')]), ...(k.note ? [text(`: ${k.note}`)] : []))]),
    ],
  );
  return [endpoints, keys];
}

function roles(p: Platform): Table {
  return table(
    ['Role', 'What it is', 'Used by', 'May', 'Credentials'],
    Object.entries(p.database_roles).map(([name, r]) => [cell(code(name)), cell(...inline(r.description)), cell(...inline(r.used_by)), cell(text(r.may.join(', '))), cell(...inline(r.credentials))]),
  );
}

function policies(p: Platform): Table {
  return table(['Policy', 'Figure', 'Decided on'], Object.entries(p.policies).map(([, v]) => [cell(...inline(v.about)), cell(strong(v.value)), cell(code(v.owner_page))]));
}

/** The severity table: each level, its definition, and the situations whose usual level it is. */
function severityLevels(p: Platform): Table {
  return table(
    ['Level', 'Definition', 'Examples on this platform'],
    SEVERITY_LEVELS.map((level) => [
      cell(strong(level)),
      cell(...inline(p.severity_levels[level].definition)),
      cell(...Object.values(p.situations).filter((s) => s.severity[0] === level).flatMap((s, i) => [...(i === 0 ? [] : [text('; ')]), ...inline(s.example)])),
    ]),
  );
}

export function loadPlatform(path = fileURLToPath(new URL('../data/platform.yml', import.meta.url))): Platform {
  return platformSchema.parse(parse(readFileSync(path, 'utf8')));
}

/** What a `::platform-*` leaf directive stands for. */
export function render(p: Platform, name: string, attributes: Record<string, string | null | undefined>): RootContent[] {
  switch (name) {
    case 'platform-metrics':
      return [metrics(p)];
    case 'platform-labels':
      return [labels(p.common_labels)];
    case 'platform-log-labels':
      return [labels(p.log_labels)];
    case 'platform-hpas':
      return [hpas(p, attributes['env']!)];
    case 'platform-env-vars':
      return [envVars(p, attributes['service'] ?? undefined)];
    case 'platform-secrets':
      return [secrets(p)];
    case 'platform-config-maps':
      return [configMaps(p)];
    case 'platform-ingresses':
      return [ingresses(p)];
    case 'platform-redis':
      return redis(p);
    case 'platform-database-roles':
      return [roles(p)];
    case 'platform-policies':
      return [policies(p)];
    case 'platform-severity-levels':
      return [severityLevels(p)];
    default:
      throw new Error(`unknown platform directive ::${name}`);
  }
}

export default function remarkPlatformDirectives() {
  const platform = loadPlatform();
  return (tree: Root, file: { path?: string }) => {
    visit(tree, (node, index, parent) => {
      if ((node.type !== 'leafDirective' && node.type !== 'textDirective') || !parent || index === undefined) return;
      if (!isPlatformDirective(node.name)) return;
      const spec = PLATFORM_DIRECTIVES[node.name];
      const where = `${file.path ?? 'a doc'}:${node.position?.start.line ?? 0}`;
      if (!spec) throw new Error(`${where}: unknown directive ::${node.name} (run npm run validate for details)`);
      const attributes = node.attributes ?? {};
      if (node.name === 'policy') {
        const policy = platform.policies[attributes['id'] ?? ''];
        if (!policy) throw new Error(`${where}: :policy{id=${attributes['id'] ?? ''}} is not in src/data/platform.yml`);
        parent.children.splice(index, 1, text(policy.value) as never);
        return;
      }
      if (node.name === 'severity') {
        const situation = platform.situations[attributes['situation'] ?? ''];
        if (!situation) throw new Error(`${where}: :severity{situation=${attributes['situation'] ?? ''}} is not in src/data/platform.yml`);
        parent.children.splice(index, 1, text(severityText(situation)) as never);
        return;
      }
      for (const [attr, { required }] of Object.entries(spec.attributes)) {
        if (attributes[attr] == null && required) throw new Error(`${where}: ::${node.name} needs ${attr}=…`);
      }
      parent.children.splice(index, 1, ...(render(platform, node.name, attributes) as never[]));
    });
  };
}
