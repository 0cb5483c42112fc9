/**
 * Regression tests on the shipped handbook: each mutates one shipped page, rule file or script the
 * way the defects of issue 14 looked, and expects the new rule to fail at the exact file:line:col.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadChecks } from '../../scripts/validate/checks/index.ts';
import { projectFromMemory } from '../../scripts/validate/engine/load.ts';
import { prepareChecks, runChecks } from '../../scripts/validate/engine/runner.ts';
import { LineIndex } from '../../scripts/validate/engine/positions.ts';
import { NOW, ROOT } from '../helpers/examples.ts';

const checks = await loadChecks();

/**
 * Replaces `from` by `to` in the shipped file at `path`, runs the checks `rules` on it alone, and
 * returns its problems with the position of `token` (its first occurrence inside `to`).
 */
async function mutate(path: string, from: string, to: string, token: string, rules: string[]) {
  const original = readFileSync(join(ROOT, path), 'utf8');
  const at = original.indexOf(from);
  expect(at, `${path} still holds the text the test mutates`).toBeGreaterThanOrEqual(0);
  const text = original.slice(0, at) + to + original.slice(at + from.length);
  const tokenAt = at + to.indexOf(token);
  expect(to.indexOf(token)).toBeGreaterThanOrEqual(0);
  const { line, column } = new LineIndex(text).position(tokenAt);
  const project = projectFromMemory(ROOT, { [path]: text }, { strictReviews: false, now: NOW });
  project.targets = new Set([path]);
  const selected = checks.filter((c) => rules.includes(c.id));
  const problems = [...(await prepareChecks(project, selected)), ...runChecks(project, selected)];
  return { problems, expected: `${path}:${line}:${column}`, shipped: async () => {
    const clean = projectFromMemory(ROOT, { [path]: original }, { strictReviews: false, now: NOW });
    clean.targets = new Set([path]);
    return [...(await prepareChecks(clean, selected)), ...runChecks(clean, selected)];
  } };
}

const where = (problems: Array<{ file: string; line: number; column: number; rule: string }>, rule: string) =>
  problems.filter((p) => p.rule === rule).map((p) => `${p.file}:${p.line}:${p.column}`);

describe('mutated shipped pages fail at the exact position', () => {
  it('a label the metric lacks, in a ```promql block of the monitoring page', async () => {
    const r = await mutate('docs/reference/monitoring.md', 'sum by (service) (rate(http_requests_total{namespace="production", status=~"5.."}[5m]))', 'sum by (service) (rate(http_requests_total{namespace="production", code=~"5.."}[5m]))', 'code', ['promql/query']);
    expect(where(r.problems, 'promql/query')).toEqual([r.expected]);
    expect(r.problems[0]!.message).toContain('Did you mean `status`?');
    expect(await r.shipped()).toEqual([]);
  });

  it('an unknown metric in the monitoring page', async () => {
    const r = await mutate('docs/reference/monitoring.md', 'max(pg_replication_lag_seconds)', 'max(pg_replication_lag)', 'pg_replication_lag', ['promql/query']);
    expect(where(r.problems, 'promql/query')).toEqual([r.expected]);
    expect(r.problems[0]!.message).toContain('unknown metric `pg_replication_lag`');
  });

  it('the colour label back in deploy.sh\'s canary query', async () => {
    // The canary's label matchers live in `selector="…"`, which the query expands as `$selector`.
    const r = await mutate('static/scripts/deploy.sh', 'pod=~\\"api-gateway-$colour-.*\\""', 'color=\\"$colour\\""', 'color', ['promql/query']);
    expect(where(r.problems, 'promql/query')).toEqual([r.expected]);
    expect(r.problems[0]!.message).toContain('Did you mean `pod`?');
    expect(await r.shipped()).toEqual([]);
  });

  it('a label the metric lacks in an alert rule expr', async () => {
    const r = await mutate('src/data/alerts/platform.rules.yml', 'kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"', 'kube_pod_container_status_waiting_reason{waiting_reason="CrashLoopBackOff"', 'waiting_reason=', ['promql/query']);
    expect(where(r.problems, 'promql/query')).toEqual([r.expected]);
  });

  it('kubectl scale on a deployment an HPA manages (RB-004)', async () => {
    const r = await mutate(
      'docs/runbooks/rb-004-high-api-latency.md',
      'kubectl patch hpa <hpa-name> -n production -p \'{"spec":{"minReplicas":<replicas>}}\'',
      'kubectl scale deployment/api-gateway-<live-colour> -n production --replicas=<replicas>',
      'api-gateway-<live-colour>',
      ['commands/hpa-scale'],
    );
    expect(where(r.problems, 'commands/hpa-scale')).toEqual([r.expected]);
    expect(r.problems[0]!.message).toContain('kubectl patch hpa api-gateway-<live-colour>');
    expect(await r.shipped()).toEqual([]);
  });

  it('a confirmation whose answer no longer gates the DROP DATABASE', async () => {
    const r = await mutate(
      'docs/runbooks/tasks/database-backup-restore.md',
      'read -r -p "Drop database platform_restore on the production primary? Type yes: " answer\n[[ $answer == yes ]] && psql',
      'read -r -p "Drop database platform_restore on the production primary? Type yes: " answer\npsql',
      'read',
      ['commands/confirmation', 'commands/danger'],
    );
    expect(where(r.problems, 'commands/confirmation')).toEqual([r.expected]);
    // The bare prompt no longer satisfies commands/danger either: the DROP on the next line fails.
    const [file, line] = r.expected.split(':');
    expect(where(r.problems, 'commands/danger')).toEqual([`${file}:${Number(line) + 1}:1`]);
    expect(await r.shipped()).toEqual([]);
  });

  it('an unpinned helm upgrade of a production release (scaling)', async () => {
    const r = await mutate(
      'docs/runbooks/tasks/scaling.md',
      '   helm upgrade <release> oci://registry.example.com/charts/platform -n <namespace> \\\n     --version "$(helm status <release> -n <namespace> -o json | jq -r \'.chart.metadata.version\')" \\\n',
      '   helm upgrade <release> oci://registry.example.com/charts/platform -n <namespace> \\\n',
      'helm',
      ['commands/helm-version'],
    );
    expect(where(r.problems, 'commands/helm-version')).toEqual([r.expected]);
    expect(await r.shipped()).toEqual([]);
  });

  it('redis-cli without --tls, and a queue name the model does not have', async () => {
    const r = await mutate('docs/quick-reference/database-card.md', 'redis-cli -h redis.production.example.com --tls LLEN <queue-key>', 'redis-cli -h redis.production.example.com LLEN jobs:default', 'jobs:default', ['commands/platform']);
    const found = where(r.problems, 'commands/platform');
    expect(found).toContain(r.expected);
    expect(found).toHaveLength(2);
    expect(r.problems.map((p) => p.message).join('\n')).toContain('add `--tls`');
  });

  it('a policy figure that contradicts the model (escalation after 15 minutes)', async () => {
    const r = await mutate('docs/reference/oncall-onboarding.md', 'Escalate after :policy{id=escalation-timer} without progress', 'Escalate after 15 minutes without progress', '15 minutes', ['policy/figures']);
    expect(where(r.problems, 'policy/figures')).toEqual([r.expected]);
    expect(r.problems[0]!.message).toContain('is 30 minutes');
  });
});

describe('severities and rollback thresholds stated once (src/data/platform.yml)', () => {
  it('a severity that contradicts the situation\'s, on the rollback card', async () => {
    const r = await mutate('docs/quick-reference/rollback-card.md', '| p95 latency more than twice its baseline | 10 min | SEV2 |', '| p95 latency more than twice its baseline | 10 min | SEV3 |', 'SEV3', ['policy/severity']);
    expect(where(r.problems, 'policy/severity')).toEqual([r.expected]);
    expect(r.problems[0]!.message).toContain('`SEV3` contradicts the severity of `latency-degraded`');
    expect(r.problems[0]!.message).toContain('Did you mean `SEV2`?');
    expect(await r.shipped()).toEqual([]);
  });

  it('a literal severity in the architecture page\'s failure domains instead of the directive', async () => {
    const r = await mutate('docs/reference/architecture.md', 'jobs not queued | :severity{situation=redis-down} |', 'jobs not queued | SEV3 |', 'SEV3', ['policy/severity']);
    expect(where(r.problems, 'policy/severity')).toEqual([r.expected]);
    expect(r.problems[0]!.message).toContain('Write `:severity{situation=redis-down}`');
  });

  it('a different error-rate threshold in the decision matrix (figure and duration)', async () => {
    const rate = await mutate('docs/rollback/decision-matrix.md', ':policy{id=error-rate-rollback-sustained}, and above', 'Above 2% for 15 minutes, and above', '2%', ['policy/figures']);
    expect(where(rate.problems, 'policy/figures')).toEqual([rate.expected]);
    expect(rate.problems[0]!.message).toContain('the policy `error-rate-rollback-sustained` is above 1% for 15 minutes');
    expect(await rate.shipped()).toEqual([]);
    const duration = await mutate('docs/rollback/decision-matrix.md', ':policy{id=error-rate-rollback-sustained}, and above', 'Above 1% for 30 minutes, and above', '30 minutes', ['policy/figures']);
    expect(where(duration.problems, 'policy/figures')).toEqual([duration.expected]);
  });

  it('a different latency threshold on the rollback card', async () => {
    const r = await mutate('docs/quick-reference/rollback-card.md', '| p95 latency more than twice its baseline | 10 min | SEV2 |', '| p95 latency more than twice its baseline | 20 min | SEV2 |', '20 min', ['policy/figures']);
    expect(where(r.problems, 'policy/figures')).toEqual([r.expected]);
    expect(r.problems[0]!.message).toContain('latency-rollback');
  });
});

describe('the shipped scripts get the command checks, at their own line:column', () => {
  it('an unpinned helm upgrade in deploy.sh, through its h() wrapper and the upgrade_args array', async () => {
    const unpinned = await mutate('static/scripts/deploy.sh', 'upgrade_args=(upgrade "$RELEASE" "$CHART" --version "$VERSION" --reuse-values', 'upgrade_args=(upgrade "$RELEASE" "$CHART" --reuse-values', 'upgrade', ['commands/helm-version']);
    // Reported at the call that runs it (the dry run adds --dry-run=server and is not reported).
    const text = readFileSync(join(ROOT, 'static/scripts/deploy.sh'), 'utf8').replace(' --version "$VERSION"', '');
    const call = new LineIndex(text).position(text.indexOf('h "${upgrade_args[@]}" || die 5'));
    expect(where(unpinned.problems, 'commands/helm-version')).toEqual([`static/scripts/deploy.sh:${call.line}:${call.column}`]);
    expect(unpinned.problems[0]!.message).toContain('--version');
    expect(await unpinned.shipped()).toEqual([]);
  });

  it('kubectl scale of an HPA-managed deployment in rollback.sh, through change() and k()', async () => {
    const r = await mutate('static/scripts/rollback.sh', '    # validate-ignore commands/hpa-scale: the worker is at 0 replicas here (tested above), where its HPA does nothing\n    change scale deployment "worker-$TARGET_COLOUR"', '    change scale deployment "worker-$TARGET_COLOUR"', 'worker-', ['commands/hpa-scale']);
    expect(where(r.problems, 'commands/hpa-scale')).toEqual([r.expected]);
    expect(r.problems[0]!.message).toContain('kubectl patch hpa worker-$TARGET_COLOUR');
    expect(await r.shipped()).toEqual([]);
  });

  it('a Secret key the model lacks in a script\'s kubectl get secret', async () => {
    const r = await mutate('static/scripts/deploy.sh', 'k get service "$svc" -o jsonpath=\'{.spec.selector}\'', 'k get secret platform-env -o jsonpath=\'{.data.REDIS_PASS}\'', 'REDIS_PASS', ['commands/platform']);
    expect(where(r.problems, 'commands/platform')).toEqual([r.expected]);
    expect(r.problems[0]!.message).toContain('Did you mean `REDIS_PASSWORD`?');
  });
});

describe('queue names and Redis keys in prose', () => {
  it('a queue under another prefix in RB-013\'s Variables table', async () => {
    const r = await mutate('docs/runbooks/rb-013-partial-degradation.md', 'from the worker configuration | `queue:default` |', 'from the worker configuration | `jobs:default` |', 'jobs:default', ['platform/redis-names']);
    expect(where(r.problems, 'platform/redis-names')).toEqual([r.expected]);
    expect(r.problems[0]!.message).toContain('Did you mean `queue:default`?');
    expect(await r.shipped()).toEqual([]);
  });

  it('an unknown queue on the database card', async () => {
    const r = await mutate('docs/quick-reference/database-card.md', 'from the `--scan` output | `queue:default` |', 'from the `--scan` output | `queue:defaults` |', 'queue:defaults', ['platform/redis-names']);
    expect(where(r.problems, 'platform/redis-names')).toEqual([r.expected]);
    expect(r.problems[0]!.message).toContain('queue `queue:defaults` is not in the platform model');
  });
});

describe('deploy.sh\'s thresholds are the policies\' figures', () => {
  it('a canary threshold in deploy.sh that is not the canary-abort policy\'s', async () => {
    const r = await mutate('static/scripts/deploy.sh', 'MAX_ERROR_RATIO="0.01"', 'MAX_ERROR_RATIO="0.02"', '0.02', ['policy/script-defaults']);
    expect(where(r.problems, 'policy/script-defaults')).toEqual([r.expected]);
    expect(r.problems[0]!.message).toContain('the policy `canary-abort` is above 1%');
    expect(r.problems[0]!.message).toContain('Did you mean `0.01`?');
    expect(await r.shipped()).toEqual([]);
  });

  it('a switch-back window in deploy.sh that is not the switch-back policy\'s', async () => {
    const r = await mutate('static/scripts/deploy.sh', 'SWITCH_BACK_MINUTES=5', 'SWITCH_BACK_MINUTES=3', '3', ['policy/script-defaults']);
    expect(where(r.problems, 'policy/script-defaults')).toEqual([r.expected]);
    expect(r.problems[0]!.message).toContain('the policy `switch-back` is above 5% for 5 minutes');
  });

  it('the scripts page documenting another switch-back default', async () => {
    // The page is checked against the shipped script, loaded with it.
    const page = 'docs/deployment/deploy-and-rollback-scripts.md';
    const original = readFileSync(join(ROOT, page), 'utf8');
    const text = original.replace('| `--switch-back-ratio <r>` | `0.05` |', '| `--switch-back-ratio <r>` | `0.01` |');
    expect(text).not.toBe(original);
    const project = projectFromMemory(ROOT, { [page]: text, 'static/scripts/deploy.sh': readFileSync(join(ROOT, 'static/scripts/deploy.sh'), 'utf8') }, { strictReviews: false, now: NOW });
    project.targets = new Set([page]);
    const problems = runChecks(project, checks.filter((c) => c.id === 'policy/script-defaults'));
    const at = new LineIndex(text).position(text.indexOf('`0.01` | After the switch') + 1);
    expect(where(problems, 'policy/script-defaults')).toEqual([`${page}:${at.line}:${at.column}`]);
    expect(problems[0]!.message).toContain('static/scripts/deploy.sh sets `0.05`');
  });
});
