/**
 * Runs static/scripts/deploy.sh and rollback.sh against the simulated platform of
 * platform-sim.mjs: a temporary directory with a state file and stand-ins for kubectl, helm, curl,
 * docker and sleep first on PATH. Everything else (bash, jq, awk, sort, date) is the real tool.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const SIM = join(ROOT, 'tests/scripts/platform-sim.mjs');
export const SCRIPTS = join(ROOT, 'static/scripts');

type Colour = 'blue' | 'green';

export interface Call {
  tool: string;
  args: string[];
  mutating: boolean;
  dryRun: boolean;
}

interface Deployment {
  metadata: { name: string };
  spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
  status: { replicas: number; readyReplicas: number };
}

export interface State {
  contexts: string[];
  charts: string[];
  k8s: {
    namespace: Record<string, object>;
    service: Record<string, { metadata: { annotations: Record<string, string> }; spec: { selector: { app: string; color: Colour } } }>;
    ingress: Record<string, { metadata: { annotations: Record<string, string> } }>;
    deployment: Record<string, Deployment>;
    hpa: Record<string, { metadata: { name: string }; spec: { minReplicas: number; maxReplicas: number } }>;
  };
  helm: Record<string, { status: string; history: { revision: number; status: string; chart: string; app_version: string }[] }>;
  traffic: Record<Colour, { rps: number; errorRatio: number; errorRatioLive?: number }>;
  health: Partial<Record<Colour, boolean>>;
  prometheus: { scrape?: boolean; reachable?: boolean };
  upgradeFails?: boolean;
  unschedulable?: string[];
  sleepSeconds?: number;
  calls: Call[];
  queries: string[];
}

const deployment = (name: string, version: string, replicas: number): Deployment => ({
  metadata: { name },
  spec: { replicas, template: { spec: { containers: [{ image: `registry.example.com/platform/${name.replace(/-(blue|green)$/, '')}:${version}` }] } } },
  status: { replicas, readyReplicas: replicas },
});

/**
 * Production as the last successful deploy left it: blue is live with 2026.11.3 and scaled up by
 * its HPA (api-gateway 6, web 4, worker 3); green is idle with the previous version 2026.11.2 at
 * its HPA minimums (3, 2) and its worker at 0. The last switch recorded green as the previous colour.
 */
export function productionState(): State {
  const deployments: Record<string, Deployment> = {};
  for (const [name, version, replicas] of [
    ['api-gateway-blue', '2026.11.3', 6],
    ['web-blue', '2026.11.3', 4],
    ['worker-blue', '2026.11.3', 3],
    ['api-gateway-green', '2026.11.2', 3],
    ['web-green', '2026.11.2', 2],
    ['worker-green', '2026.11.2', 0],
  ] as const) {
    deployments[name] = deployment(name, version, replicas);
  }
  const hpa = (name: string, min: number, max: number) => ({ metadata: { name }, spec: { minReplicas: min, maxReplicas: max } });
  return {
    contexts: ['staging', 'production'],
    charts: ['2026.11.2', '2026.11.3', '2026.11.4'],
    k8s: {
      namespace: { production: {} },
      service: {
        'api-gateway': { metadata: { annotations: { 'platform/previous-colour': 'green' } }, spec: { selector: { app: 'api-gateway', color: 'blue' } } },
        web: { metadata: { annotations: {} }, spec: { selector: { app: 'web', color: 'blue' } } },
      },
      ingress: { 'api-gateway-canary': { metadata: { annotations: { 'nginx.ingress.kubernetes.io/canary-weight': '0' } } } },
      deployment: deployments,
      hpa: Object.fromEntries(
        (['blue', 'green'] as const).flatMap((c) => [
          [`api-gateway-${c}`, hpa(`api-gateway-${c}`, 3, 10)],
          [`web-${c}`, hpa(`web-${c}`, 2, 6)],
          [`worker-${c}`, hpa(`worker-${c}`, 2, 10)],
        ]),
      ),
    },
    helm: {
      'platform-blue': { status: 'deployed', history: [{ revision: 12, status: 'deployed', chart: 'platform-2026.11.3', app_version: '2026.11.3' }] },
      'platform-green': { status: 'deployed', history: [{ revision: 11, status: 'deployed', chart: 'platform-2026.11.2', app_version: '2026.11.2' }] },
    },
    traffic: { blue: { rps: 400, errorRatio: 0.0005 }, green: { rps: 400, errorRatio: 0 } },
    health: {},
    prometheus: {},
    calls: [],
    queries: [],
  };
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  state: State;
  /** Calls that changed something (not dry runs, not reads). */
  changes: Call[];
  dir: string;
}

export class Platform {
  readonly dir = mkdtempSync(join(tmpdir(), 'platform-sim-'));
  readonly statePath = join(this.dir, 'state.json');
  private readonly bin = join(this.dir, 'bin');

  constructor(initial: State) {
    mkdirSync(this.bin);
    for (const tool of ['kubectl', 'helm', 'curl', 'docker', 'sleep']) {
      const path = join(this.bin, tool);
      writeFileSync(path, `#!/bin/sh\nexec "${process.execPath}" "${SIM}" ${tool} "$@"\n`);
      chmodSync(path, 0o755);
    }
    this.write(initial);
  }

  write(state: State): void {
    writeFileSync(this.statePath, JSON.stringify(state, null, 2));
  }

  read(): State {
    return JSON.parse(readFileSync(this.statePath, 'utf8')) as State;
  }

  /** Changes the state between runs; the call log starts afresh. */
  update(change: (s: State) => void): void {
    const s = this.read();
    change(s);
    s.calls = [];
    s.queries = [];
    this.write(s);
  }

  private env(): NodeJS.ProcessEnv {
    return {
      PATH: `${this.bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      HOME: this.dir,
      SIM_STATE: this.statePath,
      PROMETHEUS_URL: 'https://prometheus.example.com',
      DEPLOY_BACKUP_DIR: join(this.dir, 'backups'),
      LC_ALL: 'C',
    };
  }

  private result(code: number | null, stdout: string, stderr: string): Run {
    const state = this.read();
    return { code, stdout, stderr, state, changes: state.calls.filter((c) => c.mutating), dir: this.dir };
  }

  run(script: 'deploy.sh' | 'rollback.sh', args: string[]): Run {
    const r = spawnSync('bash', [join(SCRIPTS, script), ...args], { cwd: this.dir, env: this.env(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return this.result(r.status, r.stdout, r.stderr);
  }

  /** Starts a script, sends `signal` once `when(state)` holds, and waits for it to end. */
  async runAndSignal(script: 'deploy.sh' | 'rollback.sh', args: string[], when: (s: State) => boolean, signal: NodeJS.Signals): Promise<Run & { signalled: boolean }> {
    const child = spawn('bash', [join(SCRIPTS, script), ...args], { cwd: this.dir, env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const ended = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    let signalled = false;
    let finished = false;
    void ended.then(() => (finished = true));
    while (!finished && !signalled) {
      await new Promise((r) => setTimeout(r, 20));
      try {
        if (when(this.read())) {
          child.kill(signal);
          signalled = true;
        }
      } catch {
        // The state file is being replaced; read it on the next turn.
      }
    }
    const code = await ended;
    return { ...this.result(code, stdout, stderr), signalled };
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export const servedColour = (s: State) => ({ api: s.k8s.service['api-gateway']!.spec.selector.color, web: s.k8s.service.web!.spec.selector.color });
export const canaryWeight = (s: State) => s.k8s.ingress['api-gateway-canary']!.metadata.annotations['nginx.ingress.kubernetes.io/canary-weight'];
export const commandLine = (c: Call) => `${c.tool} ${c.args.join(' ')}`;
