import { defineCheck } from '../engine/check.ts';
import { catalogOf } from '../engine/catalog.ts';
import { keyOffset } from '../engine/yaml-issues.ts';
import { locateIssues } from '../engine/yaml-issues.ts';
import { didYouMean } from '../engine/suggest.ts';
import { catalogSchema } from '../../../core/schemas/catalog.ts';
import { CATALOG_FILE } from '../engine/load.ts';

const MINIMAL = `platform: {name: P, description: D, status_page: "https://status.example.com", incident_channel: "#ops"}
environments: {}
teams:
  backend: {name: B, description: D, chat: "#b", pager: "https://pager.example.com/b", on_call: O, escalation: [L], email: b@example.com}
dependencies: {}
services:
  api-gateway:
    description: API
    owner: backnd
    repository: https://git.example.com/platform/app
    image: registry.example.com/platform/api-gateway
    port: 8080
    health: {liveness: /healthz, readiness: /readyz}
    deployments: {}
    dashboards: [{title: API, url: "https://grafana.example.com/d/api"}]
    logs: '{app="api-gateway"}'
`;

export default defineCheck({
  id: 'catalog/schema',
  description: 'The service catalog (src/data/catalog.yml) matches its schema and its own references (owners, environments) resolve.',
  severity: 'error',
  messages: {
    yaml: 'invalid YAML: {error}',
    schema: '{text}',
    unknownOwner: 'owner `{owner}` of {key} is not a team in `teams`',
    unknownEnvironment: 'environment `{env}` in the deployments of {key} is not in `environments`',
  },
  docs: {
    why:
      'Every namespace, deployment, URL and contact on the site comes from the catalog. A typo there ' +
      'is a wrong command or a wrong phone number on every page that renders it.',
    fix: 'Follow `core/schemas/catalog.ts`. Owners are team keys, deployments are keyed by environment names, URLs are on example.com.',
    good: [{ title: 'Owners and environments that exist', path: CATALOG_FILE, source: MINIMAL.replace('backnd', 'backend') }],
    bad: [{ title: 'An owner that is not a team', path: CATALOG_FILE, source: MINIMAL, problems: [{ at: '9:12', message: 'Did you mean `backend`?' }] }],
  },
  checkProject(project, report) {
    const file = project.catalog;
    if (!file) return;
    if (file.doc.errors.length > 0) {
      for (const error of file.doc.errors) report(file, { offset: error.pos[0] }, 'yaml', { error: error.message.split('\n')[0]! });
      return;
    }
    const result = catalogSchema.safeParse(file.data);
    if (!result.success) {
      for (const { offset, message } of locateIssues(file.doc, file.data, result.error.issues)) report(file, { offset }, 'schema', { text: message });
      return;
    }
    const catalog = catalogOf(project)!;
    const teams = Object.keys(catalog.teams);
    const envs = Object.keys(catalog.environments);
    const at = (path: (string | number)[]) => {
      const node = file.doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
      return { offset: node?.range?.[0] ?? 0 };
    };
    const owners: Array<[string, string, string]> = [
      ...Object.entries(catalog.services).map(([k, s]) => ['services', k, s.owner] as [string, string, string]),
      ...Object.entries(catalog.dependencies).map(([k, d]) => ['dependencies', k, d.owner] as [string, string, string]),
    ];
    for (const [section, key, owner] of owners) {
      if (!teams.includes(owner)) report(file, at([section, key, 'owner']), 'unknownOwner', { owner, key }, { hint: didYouMean(owner, teams) });
    }
    for (const [key, service] of Object.entries(catalog.services)) {
      for (const env of Object.keys(service.deployments)) {
        if (!envs.includes(env)) {
          report(file, { offset: keyOffset(file.doc, ['services', key, 'deployments'], env) ?? 0 }, 'unknownEnvironment', { env, key }, { hint: didYouMean(env, envs) });
        }
      }
    }
  },
});
