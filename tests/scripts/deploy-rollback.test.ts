/**
 * deploy.sh and rollback.sh run as an operator would run them, against a simulated production
 * (tests/scripts/platform-sim.mjs): the assertions are on the exit code, on the calls that changed
 * something, and on which colour serves traffic at the end.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { canaryWeight, commandLine, Platform, productionState, servedColour, type State } from './platform.ts';

const DEPLOY = ['--env', 'production', '--version', '2026.11.4', '--yes', '--canary-minutes', '3'];

let platform: Platform | undefined;
const start = (change?: (s: State) => void) => {
  const s = productionState();
  change?.(s);
  platform = new Platform(s);
  return platform;
};
afterEach(() => {
  platform?.dispose();
  platform = undefined;
});

const image = (s: State, deployment: string) => s.k8s.deployment[deployment]!.spec.template.spec.containers[0]!.image;

describe('deploy.sh in production', () => {
  it('healthy canary: raises the idle colour to the live capacity, records the live colour, switches, exits 0', () => {
    const r = start().run('deploy.sh', DEPLOY);
    expect(r.stderr).not.toMatch(/ERROR/);
    expect(r.code).toBe(0);
    expect(servedColour(r.state)).toEqual({ api: 'green', web: 'green' });
    expect(canaryWeight(r.state)).toBe('0');
    expect(image(r.state, 'api-gateway-green')).toBe('registry.example.com/platform/api-gateway:2026.11.4');
    // Capacity before the switch: the live colour ran 6 and 4 pods; the idle colour had its minimums 3 and 2.
    expect(r.state.k8s.hpa['api-gateway-green']!.spec.minReplicas).toBe(6);
    expect(r.state.k8s.hpa['web-green']!.spec.minReplicas).toBe(4);
    expect(r.state.k8s.service['api-gateway']!.metadata.annotations['platform/previous-colour']).toBe('blue');
    const changes = r.changes.map(commandLine);
    const firstServicePatch = changes.findIndex((c) => c.includes('patch service'));
    const lastHpaPatch = changes.map((c) => c.includes('patch hpa')).lastIndexOf(true);
    expect(lastHpaPatch).toBeGreaterThan(-1);
    expect(lastHpaPatch).toBeLessThan(firstServicePatch);
    // Green has no 5xx at all, so no 5xx series exists: `or vector(0)` makes that a ratio of 0, not "no data".
    expect(r.stdout).toMatch(/5xx ratio of green = 0\b/);
    // The query uses the labels of the monitoring reference.
    expect(r.state.queries[0]).toContain('service="api-gateway"');
    expect(r.state.queries[0]).toContain('pod=~"api-gateway-green-.*"');
    expect(r.state.queries[0]).toContain('status=~"5.."');
  });

  it('canary 5xx above the threshold: canary removed, traffic stays on the live colour, exit 6', () => {
    const r = start((s) => (s.traffic.green.errorRatio = 0.05)).run('deploy.sh', DEPLOY);
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/canary 5xx ratio 0\.05 is above 0\.01/);
    expect(servedColour(r.state)).toEqual({ api: 'blue', web: 'blue' });
    expect(canaryWeight(r.state)).toBe('0');
    expect(r.changes.map(commandLine).filter((c) => c.includes('patch service'))).toEqual([]);
  });

  it('Prometheus has no data for the canary: a failure (exit 6), not a pass', () => {
    const r = start((s) => (s.prometheus.scrape = false)).run('deploy.sh', DEPLOY);
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/no request data for the green pods/);
    expect(servedColour(r.state)).toEqual({ api: 'blue', web: 'blue' });
    expect(canaryWeight(r.state)).toBe('0');
  });

  it('Prometheus unreachable during the canary: exit 6, canary removed', () => {
    const r = start((s) => (s.prometheus.reachable = false)).run('deploy.sh', DEPLOY);
    expect(r.code).toBe(6);
    expect(servedColour(r.state)).toEqual({ api: 'blue', web: 'blue' });
    expect(canaryWeight(r.state)).toBe('0');
  });

  it('verification after the switch fails: switches back to the previous colour, exit 7', () => {
    const r = start((s) => (s.health.green = false)).run('deploy.sh', DEPLOY);
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/healthz fails after the switch: switching traffic back to blue/);
    expect(servedColour(r.state)).toEqual({ api: 'blue', web: 'blue' });
    const servicePatches = r.changes.map(commandLine).filter((c) => c.includes('patch service'));
    expect(servicePatches).toHaveLength(4); // api-gateway and web to green, then both back to blue
    expect(servicePatches.slice(2).every((c) => c.includes('"color":"blue"'))).toBe(true);
  });

  it('5xx above the switch-back policy for 5 minutes after the switch: switches back, exit 7', () => {
    // The canary passes (0.2%); once green serves all traffic, 8% of its requests fail.
    const r = start((s) => {
      s.traffic.green.errorRatio = 0.002;
      s.traffic.green.errorRatioLive = 0.08;
    }).run('deploy.sh', DEPLOY);
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/5xx ratio above 0\.05 for 5 minutes after the switch \(last 0\.08\d*\): switching traffic back to blue/);
    expect(r.stdout.match(/post-switch minute \d\/5/g)).toHaveLength(5);
    expect(servedColour(r.state)).toEqual({ api: 'blue', web: 'blue' });
  });

  it('5xx above the canary threshold but under the switch-back policy after the switch: stays, warns, exit 0', () => {
    const r = start((s) => (s.traffic.green.errorRatioLive = 0.02)).run('deploy.sh', DEPLOY);
    expect(r.code).toBe(0);
    expect(servedColour(r.state)).toEqual({ api: 'green', web: 'green' });
    expect(r.stderr).toMatch(/5xx ratio 0\.02\d* is above 0\.01 after the switch: watch it/);
  });

  it('the idle colour cannot reach the live capacity: no switch, exit 6', () => {
    const r = start((s) => (s.unschedulable = ['api-gateway-green'])).run('deploy.sh', DEPLOY);
    expect(r.code).toBe(6);
    expect(servedColour(r.state)).toEqual({ api: 'blue', web: 'blue' });
    expect(canaryWeight(r.state)).toBe('0');
  });

  it('SIGTERM during the canary: canary removed, non-zero exit, no switch', async () => {
    const p = start((s) => (s.sleepSeconds = 2));
    const r = await p.runAndSignal('deploy.sh', DEPLOY, (s) => canaryWeight(s) === '10', 'SIGTERM');
    expect(r.signalled).toBe(true);
    expect(r.code).toBe(143);
    expect(r.stderr).toMatch(/interrupted \(SIGTERM\): removing the canary/);
    expect(canaryWeight(r.state)).toBe('0');
    expect(servedColour(r.state)).toEqual({ api: 'blue', web: 'blue' });
    expect(r.changes.map(commandLine).filter((c) => /patch (service|hpa)/.test(c))).toEqual([]);
  });

  it('--dry-run changes nothing, and every change it tries is a server-side dry run', () => {
    const p = start();
    const before = p.read();
    const r = p.run('deploy.sh', ['--env', 'production', '--version', '2026.11.4', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.changes).toEqual([]);
    const tried = r.state.calls.filter((c) => c.dryRun).map(commandLine);
    expect(tried.some((c) => c.startsWith('helm') && c.includes('upgrade'))).toBe(true);
    expect(tried.some((c) => c.includes('patch service'))).toBe(true);
    expect(tried.some((c) => c.includes('patch hpa'))).toBe(true);
    expect({ ...r.state, calls: [], queries: [] }).toEqual({ ...before, calls: [], queries: [] });
  });
});

describe('rollback.sh in production (switch mode)', () => {
  /** Production after a canary of 2026.11.4 on green failed: green is idle with the newer, bad version. */
  const afterFailedCanary = (s: State) => {
    for (const svc of ['api-gateway', 'web', 'worker']) {
      s.k8s.deployment[`${svc}-green`]!.spec.template.spec.containers[0]!.image = `registry.example.com/platform/${svc}:2026.11.4`;
    }
  };

  it('refuses an explicit --to colour that runs a newer image than the live colour, and changes nothing', () => {
    const r = start(afterFailedCanary).run('rollback.sh', ['--env', 'production', '--to', 'green', '--yes']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/api-gateway-green runs 2026\.11\.4, NEWER than the live 2026\.11\.3/);
    expect(r.changes).toEqual([]);
    expect(servedColour(r.state)).toEqual({ api: 'blue', web: 'blue' });
  });

  it('refuses the recorded colour as well when it now runs a newer image (a second run never flips to the bad version)', () => {
    const r = start(afterFailedCanary).run('rollback.sh', ['--env', 'production', '--yes']);
    expect(r.code).toBe(3);
    expect(r.changes).toEqual([]);
    expect(servedColour(r.state)).toEqual({ api: 'blue', web: 'blue' });
  });

  it('after a deploy, goes back to the recorded colour, shows both images, and a second run refuses', () => {
    const p = start();
    expect(p.run('deploy.sh', DEPLOY).code).toBe(0);
    // Idle since the switch, blue's HPAs scaled it down to their minimums.
    p.update((s) => {
      s.k8s.deployment['api-gateway-blue']!.spec.replicas = 3;
      s.k8s.deployment['web-blue']!.spec.replicas = 2;
    });
    const r = p.run('rollback.sh', ['--env', 'production', '--yes']);
    expect(r.code).toBe(0);
    expect(servedColour(r.state)).toEqual({ api: 'blue', web: 'blue' });
    // Before the switch, blue gets the capacity green had: 6 api-gateway and 4 web pods.
    expect(r.state.k8s.hpa['api-gateway-blue']!.spec.minReplicas).toBe(6);
    expect(r.state.k8s.hpa['web-blue']!.spec.minReplicas).toBe(4);
    const changes = r.changes.map(commandLine);
    expect(changes.map((c) => c.includes('patch hpa')).lastIndexOf(true)).toBeLessThan(changes.findIndex((c) => c.includes('patch service')));
    expect(r.stdout).toContain('from registry.example.com/platform/api-gateway:2026.11.4');
    expect(r.stdout).toContain('to   registry.example.com/platform/api-gateway:2026.11.3');
    const again = p.run('rollback.sh', ['--env', 'production', '--yes']);
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/already on blue/);
    expect(servedColour(again.state)).toEqual({ api: 'blue', web: 'blue' });
  });

  it('--dry-run changes nothing', () => {
    const p = start();
    const before = p.read();
    const r = p.run('rollback.sh', ['--env', 'production', '--to', 'green', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.changes).toEqual([]);
    expect(r.state.calls.some((c) => c.dryRun && commandLine(c).includes('patch service'))).toBe(true);
    expect({ ...r.state, calls: [], queries: [] }).toEqual({ ...before, calls: [], queries: [] });
  });

  it('without --to and with no recorded colour: exit 3, asks for --to', () => {
    const r = start((s) => (s.k8s.service['api-gateway']!.metadata.annotations = {})).run('rollback.sh', ['--env', 'production', '--yes']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/give --to blue or --to green/);
    expect(r.changes).toEqual([]);
  });
});
