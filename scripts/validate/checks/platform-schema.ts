import { defineCheck } from '../engine/check.ts';
import { catalogOf } from '../engine/catalog.ts';
import { platformOf } from '../engine/platform.ts';
import { keyOffset, locateIssues } from '../engine/yaml-issues.ts';
import { didYouMean } from '../engine/suggest.ts';
import { platformSchema } from '../../../core/schemas/platform.ts';
import { PLATFORM_FILE } from '../engine/load.ts';

const MINIMAL = `common_labels:
  namespace: {meaning: Namespace, values: [staging, production]}
metrics:
  http_requests_total:
    type: counter
    help: Requests
    source: api-gateway
    labels: {namespace: ~, service: ~}
log_labels: {}
autoscaling:
  production:
    api-gateway-blue: {min: 3, max: 10, target_cpu_percent: 70}
environment_variables: {}
secrets: {}
config_maps: {}
ingresses: {}
redis: {}
queues: {}
redis_key_prefixes: {}
database_roles: {}
policies: {}
severity_levels:
  SEV1: {definition: Outage}
  SEV2: {definition: A major feature broken}
  SEV3: {definition: Partial degradation}
  SEV4: {definition: Minor}
situations: {}
`;

export default defineCheck({
  id: 'platform/schema',
  description: 'The platform model (src/data/platform.yml) matches its schema, and its references (shared labels, environments, deployments, services) resolve.',
  severity: 'error',
  messages: {
    invalidYaml: 'invalid YAML: {error}',
    unknownKey: 'unknown key `{key}`',
    missingKey: 'missing required key `{key}`',
    invalidValue: '`{path}` {detail}',
    labelNotCommon: 'label `{label}` is written `~` but is not in `common_labels`',
    scrapeLabelNotCommon: 'scrape label `{label}` is not in `common_labels`',
    unknownEnvironment: 'environment `{env}` is not in the service catalog',
    unknownDeployment: 'deployment `{name}` is not in the service catalog for {env}',
    hpaBounds: 'HPA `{name}`: min {min} is above max {max}',
    unknownService: 'service `{service}` of {variable} is not in the service catalog',
  },
  docs: {
    why:
      'PromQL, LogQL, scaling, Secret, Redis and policy checks all trust the platform model. A label ' +
      'that is listed by mistake lets a dead query through; a wrong HPA bound is printed on every page that renders it.',
    fix: 'Follow `core/schemas/platform.ts`. A label written `~` must be in `common_labels`; environments, deployments and services are those of src/data/catalog.yml.',
    good: [{ title: 'Labels defined once, a deployment of the catalog', path: PLATFORM_FILE, source: MINIMAL.replace('service: ~}', 'service: {meaning: Service}}') }],
    bad: [
      {
        title: 'A shared label that is not defined, and an HPA bound that is not a number',
        path: PLATFORM_FILE,
        source: MINIMAL.replace('min: 3', 'min: three'),
        problems: [{ at: '12:29', message: 'expected number', messageId: 'invalidValue' }],
      },
      {
        title: 'A misspelt section: unknown, and the section it should be is missing',
        path: PLATFORM_FILE,
        source: MINIMAL.replace('situations: {}', 'sitations: {}'),
        problems: [
          { at: '1:1', message: 'missing required key `situations`', messageId: 'missingKey' },
          { at: '27:1', message: 'unknown key `sitations`', messageId: 'unknownKey' },
        ],
      },
      {
        title: 'A shared label that is not defined',
        path: PLATFORM_FILE,
        source: MINIMAL,
        problems: [{ at: '8:28', message: 'label `service` is written `~` but is not in `common_labels`' }],
      },
    ],
  },
  checkProject(project, report) {
    const file = project.platform;
    if (!file || !project.targets.has(file.path)) return;
    if (file.doc.errors.length > 0) {
      for (const error of file.doc.errors) report(file, { offset: error.pos[0] }, 'invalidYaml', { error: error.message.split('\n')[0]! });
      return;
    }
    const result = platformSchema.safeParse(file.data);
    if (!result.success) {
      for (const { offset, message } of locateIssues(file.doc, file.data, result.error.issues)) {
        // locateIssues words each kind of schema problem its own way: one message id per kind.
        const unknown = /^unknown key `([^`]+)`\.?(.*)$/s.exec(message);
        const missing = /^missing required key `([^`]+)`$/.exec(message);
        const invalid = /^`([^`]*)` (.*)$/s.exec(message);
        if (unknown) report(file, { offset }, 'unknownKey', { key: unknown[1]! }, { hint: unknown[2]!.trim() });
        else if (missing) report(file, { offset }, 'missingKey', { key: missing[1]! });
        else report(file, { offset }, 'invalidValue', { path: invalid?.[1] ?? 'platform', detail: invalid?.[2] ?? message });
      }
      return;
    }
    const platform = platformOf(project)!;
    const at = (path: (string | number)[], key: string) => ({ offset: keyOffset(file.doc, path, key) ?? 0 });
    const common = Object.keys(platform.common_labels);
    for (const [metric, spec] of Object.entries(platform.metrics)) {
      for (const [label, value] of Object.entries(spec.labels)) {
        if (value === null && !common.includes(label)) {
          report(file, at(['metrics', metric, 'labels'], label), 'labelNotCommon', { label }, { hint: didYouMean(label, common) });
        }
      }
    }
    for (const label of platform.scrape_labels) {
      if (!common.includes(label)) report(file, at([], 'scrape_labels'), 'scrapeLabelNotCommon', { label });
    }
    const catalog = catalogOf(project);
    if (!catalog) return;
    const envs = Object.keys(catalog.environments);
    for (const [env, hpas] of Object.entries(platform.autoscaling)) {
      if (!envs.includes(env)) {
        report(file, at(['autoscaling'], env), 'unknownEnvironment', { env }, { hint: didYouMean(env, envs) });
        continue;
      }
      const deployments = Object.values(catalog.services).flatMap((s) => s.deployments[env] ?? []);
      for (const [name, hpa] of Object.entries(hpas)) {
        if (!deployments.includes(name)) report(file, at(['autoscaling', env], name), 'unknownDeployment', { name, env }, { hint: didYouMean(name, deployments) });
        if (hpa.min > hpa.max) report(file, at(['autoscaling', env], name), 'hpaBounds', { name, min: hpa.min, max: hpa.max });
      }
    }
    const services = Object.keys(catalog.services);
    for (const [name, v] of Object.entries(platform.environment_variables)) {
      for (const s of v.services) if (!services.includes(s)) report(file, at(['environment_variables'], name), 'unknownService', { service: s, variable: name }, { hint: didYouMean(s, services) });
    }
  },
});
