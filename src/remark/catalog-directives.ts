/**
 * Renders service-catalog data in plain Markdown, at build time, so that a contact, URL or
 * deployment name is written once (in src/data/catalog.yml):
 *
 *   ::catalog-contacts                      teams: on-call role, chat, pager, escalation
 *   ::catalog-contacts{team=database}       one team
 *   ::catalog-service{name=api-gateway}     a service: owner, repo, image, health, deployments, dashboards, logs
 *   ::catalog-environments                  environments: namespace, kube context, Helm releases, URLs
 *   ::catalog-urls{env=production}          critical URLs of an environment, with dashboards and tools
 *   ::catalog-alerts                        every alerting rule (src/data/alerts/*.rules.yml): severity,
 *   ::catalog-alerts{team=database}         team, how long it must hold, what it means, its runbook
 *
 * `npm run validate` checks these directives (rule catalog/directives) against the same spec.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PhrasingContent, Root, RootContent, Table, TableCell, TableRow, List } from 'mdast';
import { parse } from 'yaml';
import { visit } from 'unist-util-visit';
import { catalogSchema, type Catalog } from '../../core/schemas/catalog.ts';
import { ruleFileSchema, type AlertingRule } from '../../core/schemas/alert-rules.ts';
import { SITE_SETTINGS } from '../../core/site/settings.ts';
import { CATALOG_DIRECTIVES, attributeValues } from '../../core/catalog-directives.ts';

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const code = (value: string): PhrasingContent => ({ type: 'inlineCode', value });
const link = (url: string, label = url): PhrasingContent => ({ type: 'link', url, children: [text(label)] });
const cell = (...children: PhrasingContent[]): TableCell => ({ type: 'tableCell', children });
const joined = (items: PhrasingContent[], sep = ', '): PhrasingContent[] => items.flatMap((item, i) => (i === 0 ? [item] : [text(sep), item]));

function table(header: string[], rows: TableCell[][]): Table {
  const row = (cells: TableCell[]): TableRow => ({ type: 'tableRow', children: cells });
  return { type: 'table', align: header.map(() => null), children: [row(header.map((h) => cell(text(h)))), ...rows.map(row)] };
}

function contacts(catalog: Catalog, team?: string): Table {
  const teams = Object.entries(catalog.teams).filter(([key]) => !team || key === team);
  return table(
    ['Team', 'First responder', 'Chat', 'Pager', 'Escalation (in order)'],
    teams.map(([key, t]) => [
      cell({ type: 'strong', children: [text(t.name)] }, text(' '), code(key)),
      cell(text(t.on_call)),
      cell(code(t.chat)),
      cell(link(t.pager, 'schedule')),
      cell(text(t.escalation.join(' → '))),
    ]),
  );
}

function service(catalog: Catalog, name: string): Table {
  const s = catalog.services[name]!;
  const owner = catalog.teams[s.owner];
  const rows: Array<[string, PhrasingContent[]]> = [
    ['Owner', [text(owner?.name ?? s.owner), text(' '), code(s.owner), ...(owner ? [text(', '), code(owner.chat)] : [])]],
    ['What it does', [text(s.description)]],
    ['Repository', [link(s.repository)]],
    ['Image', [code(`${s.image}:<version>`)]],
    ['Port and health', [code(String(s.port)), text(' liveness '), code(s.health.liveness), text(', readiness '), code(s.health.readiness)]],
    ...Object.entries(s.deployments).map(([env, deps]): [string, PhrasingContent[]] => [
      `Deployments (${env})`,
      [...joined(deps.map(code)), text(' in namespace '), code(catalog.environments[env]?.namespace ?? env)],
    ]),
    ['Dashboards', joined(s.dashboards.map((d) => link(d.url, d.title)))],
    ['Logs (LogQL)', [code(s.logs)]],
  ];
  return table(['', name], rows.map(([k, v]) => [cell({ type: 'strong', children: [text(k)] }), cell(...v)]));
}

function environments(catalog: Catalog): Table {
  return table(
    ['Environment', 'Namespace', 'kubectl context', 'Helm releases', 'URLs'],
    Object.entries(catalog.environments).map(([key, e]) => [
      cell({ type: 'strong', children: [text(key)] }),
      cell(code(e.namespace)),
      cell(code(e.kube_context)),
      cell(...joined(e.helm_releases.map(code))),
      cell(...joined(Object.entries(e.urls).map(([role, url]) => link(url, role)))),
    ]),
  );
}

function urls(catalog: Catalog, env: string): List {
  const e = catalog.environments[env]!;
  const item = (label: string, url: string) => ({
    type: 'listItem' as const,
    spread: false,
    children: [{ type: 'paragraph' as const, children: [{ type: 'strong' as const, children: [text(label)] }, text(': '), link(url)] }],
  });
  const dashboards = Object.values(catalog.services).flatMap((s) => s.dashboards);
  const tools = Object.entries(catalog.dependencies.observability?.hosts ?? {}).map(([k, h]) => item(k[0]!.toUpperCase() + k.slice(1), `https://${h}`));
  return {
    type: 'list',
    ordered: false,
    spread: false,
    children: [
      ...Object.entries(e.urls).map(([role, url]) => item(role[0]!.toUpperCase() + role.slice(1), url)),
      ...tools,
      ...dashboards.map((d) => item(`Dashboard: ${d.title}`, d.url)),
    ],
  };
}

/** Alerting rules of every `src/data/alerts/*.rules.yml`, in file order. */
export function loadAlertRules(dir = fileURLToPath(new URL('../data/alerts/', import.meta.url))): AlertingRule[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.rules.yml'))
    .sort()
    .flatMap((name) => ruleFileSchema.parse(parse(readFileSync(join(dir, name), 'utf8'))).groups)
    .flatMap((group) => group.rules)
    .filter((rule): rule is AlertingRule => 'alert' in rule);
}

function alerts(rules: AlertingRule[], team?: string): Table {
  return table(
    ['Alert', 'Severity', 'Team', 'For', 'What it means'],
    rules
      .filter((rule) => !team || rule.labels.team === team)
      .map((rule) => [
        cell(link(SITE_SETTINGS.alertPermalink(rule.alert), rule.alert)),
        cell(text(rule.labels.severity)),
        cell(code(rule.labels.team)),
        cell(text(rule.for ?? 'at once')),
        cell(text(rule.annotations.description ?? rule.annotations.summary)),
      ]),
  );
}

export function loadCatalog(path = fileURLToPath(new URL('../data/catalog.yml', import.meta.url))): Catalog {
  return catalogSchema.parse(parse(readFileSync(path, 'utf8')));
}

/** Replaces `::catalog-*` leaf directives with the tables and lists they stand for. */
export function render(catalog: Catalog, name: string, attributes: Record<string, string | null | undefined>): RootContent {
  switch (name) {
    case 'catalog-contacts':
      return contacts(catalog, attributes['team'] ?? undefined);
    case 'catalog-service':
      return service(catalog, attributes['name']!);
    case 'catalog-environments':
      return environments(catalog);
    case 'catalog-urls':
      return urls(catalog, attributes['env']!);
    case 'catalog-alerts':
      return alerts(loadAlertRules(), attributes['team'] ?? undefined);
    default:
      throw new Error(`unknown catalog directive ::${name}`);
  }
}

export default function remarkCatalogDirectives() {
  const catalog = loadCatalog();
  return (tree: Root, file: { path?: string }) => {
    visit(tree, 'leafDirective', (node, index, parent) => {
      if (!node.name.startsWith('catalog-') || !parent || index === undefined) return;
      const spec = CATALOG_DIRECTIVES[node.name];
      const where = `${file.path ?? 'a doc'}:${node.position?.start.line ?? 0}`;
      if (!spec) throw new Error(`${where}: unknown directive ::${node.name} (run npm run validate for details)`);
      const attributes = node.attributes ?? {};
      for (const [attr, { kind, required }] of Object.entries(spec.attributes)) {
        const value = attributes[attr];
        if (value == null) {
          if (required) throw new Error(`${where}: ::${node.name} needs ${attr}=…`);
          continue;
        }
        if (!attributeValues(catalog, kind).includes(value)) throw new Error(`${where}: ::${node.name}: ${attr}=${value} is not in the catalog`);
      }
      parent.children.splice(index, 1, render(catalog, node.name, attributes) as never);
    });
  };
}
