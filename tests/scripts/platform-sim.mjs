#!/usr/bin/env node
// A simulated platform for the deploy and rollback scripts: stand-ins for kubectl, helm, curl,
// docker and sleep, backed by one JSON state file ($SIM_STATE). The test suite puts small wrappers
// named after each tool on PATH (`exec node platform-sim.mjs kubectl "$@"`).
//
// - kubectl and helm read and change the objects in the state file and record every call.
// - curl answers the health endpoints from the colour the Service selects, and Prometheus
//   `/api/v1/query` from series it derives from the state, with the labels of the monitoring
//   reference (namespace, service, pod, route, status). The query language is a small subset:
//   sum(rate(<selector>[<range>])), `or vector(<n>)`, `/` and parentheses; anything else is a
//   400 "bad_data", as Prometheus would answer a query it cannot parse.
// - sleep sleeps `sleepSeconds` from the state (default 0.01), whatever it is asked: a canary
//   minute lasts milliseconds. It never writes the state (it runs in the background).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

const [tool, ...args] = process.argv.slice(2);
const statePath = process.env.SIM_STATE;
if (!statePath) {
  process.stderr.write('platform-sim: SIM_STATE is not set\n');
  process.exit(99);
}
const state = JSON.parse(readFileSync(statePath, 'utf8'));

const save = () => {
  const tmp = `${statePath}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2));
  renameSync(tmp, statePath);
};
const out = (text) => process.stdout.write(text);
const fail = (code, message) => {
  process.stderr.write(`${message}\n`);
  save();
  process.exit(code);
};

/** Flags with a value in the next argument, per tool. */
const VALUE_FLAGS = {
  kubectl: new Set(['--context', '--namespace', '-n', '-o', '--output', '-p', '--patch', '-l', '--selector', '--type']),
  helm: new Set(['--kube-context', '--namespace', '-n', '--version', '--set', '--timeout', '--output', '-o', '--max', '-f', '--values']),
  curl: new Set(['--max-time', '-m', '--output', '-o', '--data-urlencode', '-d', '--data', '-H', '--header', '-w', '--write-out']),
};

/** Splits argv into positionals and flags ({name: value | true}; repeated flags keep the last). */
function parse(toolName, argv) {
  const positional = [];
  const flags = {};
  const withValue = VALUE_FLAGS[toolName] ?? new Set();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('-') && a.length > 1) {
      const eq = a.indexOf('=');
      if (a.startsWith('--') && eq > 0) flags[a.slice(0, eq)] = a.slice(eq + 1);
      else if (withValue.has(a)) flags[a] = argv[++i];
      else flags[a] = true;
    } else positional.push(a);
  }
  return { positional, flags };
}

const record = (mutating, dryRun = false) => {
  state.calls.push({ tool, args, mutating, dryRun });
};

// --- kubectl ---------------------------------------------------------------------------------------

const KINDS = { service: 'service', services: 'service', svc: 'service', ingress: 'ingress', deployment: 'deployment', deployments: 'deployment', hpa: 'hpa', namespace: 'namespace' };

/** `{.a.b\.c[0].d}` → value, with kubectl's escaping of dots in keys. */
function jsonpath(object, expression) {
  const inner = expression.replace(/^\{/, '').replace(/\}$/, '');
  const keys = [];
  let current = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '\\' && inner[i + 1] === '.') {
      current += '.';
      i++;
    } else if (c === '.') {
      if (current) keys.push(current);
      current = '';
    } else current += c;
  }
  if (current) keys.push(current);
  let value = object;
  for (const key of keys) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(key);
    const name = m ? m[1] : key;
    if (name) value = value?.[name];
    for (const index of (m?.[2] ?? '').matchAll(/\[(\d+)\]/g)) value = value?.[Number(index[1])];
  }
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function merge(target, patch) {
  for (const [key, value] of Object.entries(patch)) {
    if (value && typeof value === 'object' && !Array.isArray(value) && target[key] && typeof target[key] === 'object') merge(target[key], value);
    else target[key] = value;
  }
}

/** The HPA controller and the scheduler, instantly: a deployment has at least its HPA's minimum. */
function reconcile() {
  for (const [name, hpa] of Object.entries(state.k8s.hpa ?? {})) {
    const deployment = state.k8s.deployment?.[name];
    if (!deployment || deployment.spec.replicas === 0) continue; // an HPA does nothing at 0
    if (deployment.spec.replicas < hpa.spec.minReplicas) deployment.spec.replicas = hpa.spec.minReplicas;
  }
  for (const deployment of Object.values(state.k8s.deployment ?? {})) {
    deployment.status.replicas = deployment.spec.replicas;
    if (!state.unschedulable?.includes(deployment.metadata.name)) deployment.status.readyReplicas = deployment.spec.replicas;
  }
}

function kubectl() {
  const { positional, flags } = parse('kubectl', args);
  const [verb, ...rest] = positional;
  const dryRun = flags['--dry-run'] !== undefined;
  const object = (kindWord, name) => {
    const kind = KINDS[kindWord];
    const found = kind && state.k8s[kind]?.[name];
    if (!found) fail(1, `Error from server (NotFound): ${kindWord} "${name}" not found`);
    return found;
  };
  switch (verb) {
    case 'config': {
      record(false);
      if (rest[0] === 'get-contexts' && state.contexts.includes(rest[1])) return out(`* ${rest[1]}\n`);
      return fail(1, `error: context ${rest[1]} not found`);
    }
    case 'get': {
      record(false);
      const [kindWord, name] = rest;
      const found = object(kindWord, name);
      const output = flags['-o'] ?? flags['--output'];
      if (typeof output === 'string' && output.startsWith('jsonpath=')) return out(jsonpath(found, output.slice('jsonpath='.length)));
      return out(`${name}\n`);
    }
    case 'annotate': {
      record(!dryRun, dryRun);
      const [kindWord, name, ...pairs] = rest;
      const found = object(kindWord, name);
      if (dryRun) return;
      found.metadata.annotations ??= {};
      for (const pair of pairs) {
        const eq = pair.indexOf('=');
        if (eq < 0) return fail(1, `error: invalid annotation ${pair}`);
        const key = pair.slice(0, eq);
        if (found.metadata.annotations[key] !== undefined && !flags['--overwrite']) {
          return fail(1, `error: --overwrite is false but found the following declared annotation(s): '${key}' already has a value`);
        }
        found.metadata.annotations[key] = pair.slice(eq + 1);
      }
      return save();
    }
    case 'patch': {
      record(!dryRun, dryRun);
      const [kindWord, name] = rest;
      const found = object(kindWord, name);
      const patch = JSON.parse(flags['-p'] ?? flags['--patch']);
      if (dryRun) return;
      if (KINDS[kindWord] === 'service' && patch.spec?.selector) found.spec.selector = patch.spec.selector;
      else merge(found, patch);
      reconcile();
      return save();
    }
    case 'scale': {
      record(!dryRun, dryRun);
      const [kindWord, name] = rest;
      const found = object(kindWord, name);
      if (dryRun) return;
      found.spec.replicas = Number(flags['--replicas']);
      reconcile();
      return save();
    }
    case 'rollout': {
      record(false);
      const [, target] = rest;
      const [kindWord, name] = target.split('/');
      const found = object(kindWord, name);
      if (found.status.readyReplicas < found.spec.replicas) {
        return fail(1, `error: timed out waiting for the condition on deployments/${name}`);
      }
      return out(`deployment "${name}" successfully rolled out\n`);
    }
    default:
      return fail(1, `platform-sim: kubectl ${verb} is not simulated`);
  }
}

// --- helm ------------------------------------------------------------------------------------------

const SERVICES = ['api-gateway', 'web', 'worker'];

function helm() {
  const { positional, flags } = parse('helm', args);
  const [verb, ...rest] = positional;
  const dryRun = flags['--dry-run'] !== undefined;
  const release = (name) => state.helm[name] ?? fail(1, `Error: release: not found`);
  switch (verb) {
    case 'show':
      record(false);
      return state.charts.includes(flags['--version']) ? out('name: platform\n') : fail(1, 'Error: chart not found');
    case 'status':
      record(false);
      return out(JSON.stringify({ name: rest[0], info: { status: release(rest[0]).status } }));
    case 'history': {
      record(false);
      const history = release(rest[0]).history;
      return out(JSON.stringify(history.slice(-Number(flags['--max'] ?? 256))));
    }
    case 'get':
      record(false);
      release(rest[1]);
      return out(rest[0] === 'manifest' ? '---\nkind: Deployment\n' : 'image:\n  tag: unknown\n');
    case 'upgrade': {
      record(!dryRun, dryRun);
      const [name] = rest;
      const r = release(name);
      if (dryRun) return;
      if (state.upgradeFails) return fail(1, 'Error: UPGRADE FAILED: pre-upgrade hooks failed');
      const version = flags['--version'];
      const suffix = name === 'platform' ? '' : `-${name.slice('platform-'.length)}`;
      for (const svc of SERVICES) {
        const d = state.k8s.deployment[`${svc}${suffix}`];
        if (d) d.spec.template.spec.containers[0].image = `registry.example.com/platform/${svc}:${version}`;
      }
      const last = r.history.at(-1);
      last.status = 'superseded';
      r.history.push({ revision: last.revision + 1, status: 'deployed', chart: `platform-${version}`, app_version: version });
      r.status = 'deployed';
      reconcile();
      return save();
    }
    default:
      return fail(1, `platform-sim: helm ${verb} is not simulated`);
  }
}

// --- Prometheus ------------------------------------------------------------------------------------

const colourOf = (svc) => state.k8s.service[svc]?.spec.selector.color;

/**
 * The series Prometheus holds now, derived from the state: for each public service and colour,
 * requests per second split over the colour's ready pods, by status. A colour that gets no traffic
 * has no series; a colour with no errors has no 5xx series (counters appear on first use).
 * `state.prometheus.scrape === false` means nothing is scraped at all.
 */
function currentSeries() {
  if (state.prometheus?.scrape === false) return [];
  const series = [];
  const weight = Number(state.k8s.ingress['api-gateway-canary'].metadata.annotations['nginx.ingress.kubernetes.io/canary-weight'] ?? 0) / 100;
  for (const svc of ['api-gateway', 'web']) {
    const live = colourOf(svc);
    for (const colour of ['blue', 'green']) {
      // The canary ingress sends its share of API requests to the colour that is not live.
      const share = svc === 'api-gateway' ? (colour === live ? 1 - weight : weight) : colour === live ? 1 : 0;
      if (share <= 0) continue;
      const deployment = state.k8s.deployment[`${svc}-${colour}`];
      const pods = deployment.status.readyReplicas;
      // `errorRatioLive`: the ratio once the colour serves all traffic (a fault that shows under load only).
      const { rps, errorRatio: canaryRatio, errorRatioLive } = state.traffic[colour];
      const errorRatio = colour === live && errorRatioLive !== undefined ? errorRatioLive : canaryRatio;
      for (let i = 0; i < pods; i++) {
        const labels = { namespace: 'production', service: svc, pod: `${svc}-${colour}-5d8f7c9b4-p${i}`, route: '/v1/orders' };
        const perPod = (rps * share) / pods;
        series.push({ name: 'http_requests_total', labels: { ...labels, status: '200' }, rate: perPod * (1 - errorRatio) });
        if (errorRatio > 0) series.push({ name: 'http_requests_total', labels: { ...labels, status: '503' }, rate: perPod * errorRatio });
      }
    }
  }
  return series;
}

class BadQuery extends Error {}

/** Evaluates the supported subset of PromQL to a single sample, or null for an empty vector. */
function evaluate(query) {
  const tokens = query.match(/"(?:[^"\\]|\\.)*"|=~|!~|!=|[A-Za-z_][A-Za-z0-9_:]*|\d+(?:\.\d+)?[smhd]?|[(){}[\],=/]|\S/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const take = (expected) => {
    const t = tokens[at++];
    if (expected !== undefined && t !== expected) throw new BadQuery(`expected "${expected}", found "${t ?? 'end of query'}"`);
    return t;
  };
  const all = currentSeries();

  const selector = () => {
    const name = take();
    if (!/^[A-Za-z_]/.test(name ?? '')) throw new BadQuery(`expected a metric name, found "${name}"`);
    const matchers = [];
    if (peek() === '{') {
      take('{');
      while (peek() !== '}') {
        const label = take();
        const op = take();
        if (!['=', '!=', '=~', '!~'].includes(op)) throw new BadQuery(`unexpected "${op}" in label matching`);
        const raw = take();
        if (!raw?.startsWith('"')) throw new BadQuery(`expected a quoted value for ${label}`);
        matchers.push({ label, op, value: JSON.parse(raw) });
        if (peek() === ',') take(',');
      }
      take('}');
    }
    return all.filter((s) => s.name === name && matchers.every(({ label, op, value }) => {
      const v = s.labels[label] ?? '';
      if (op === '=') return v === value;
      if (op === '!=') return v !== value;
      const re = new RegExp(`^(?:${value})$`);
      return op === '=~' ? re.test(v) : !re.test(v);
    }));
  };

  const primary = () => {
    const t = peek();
    if (t === '(') {
      take('(');
      const v = expression();
      take(')');
      return v;
    }
    if (t === 'sum') {
      take('sum');
      take('(');
      take('rate');
      take('(');
      const matched = selector();
      take('[');
      if (!/^\d+[smhd]$/.test(take() ?? '')) throw new BadQuery('bad range');
      take(']');
      take(')');
      take(')');
      return matched.length === 0 ? null : matched.reduce((sum, s) => sum + s.rate, 0);
    }
    if (t === 'vector') {
      take('vector');
      take('(');
      const n = Number(take());
      take(')');
      return n;
    }
    throw new BadQuery(`unexpected "${t ?? 'end of query'}" (the simulator knows sum(rate(...)), or vector(n), / and parentheses)`);
  };

  const orExpression = () => {
    let left = primary();
    while (peek() === 'or') {
      take('or');
      const right = primary();
      left = left === null ? right : left;
    }
    return left;
  };

  function expression() {
    let left = orExpression();
    while (peek() === '/') {
      take('/');
      const right = orExpression();
      left = left === null || right === null ? null : left / right;
    }
    return left;
  }

  const value = expression();
  if (at !== tokens.length) throw new BadQuery(`unexpected "${peek()}"`);
  return value;
}

const formatSample = (v) => (Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v));

// --- curl ------------------------------------------------------------------------------------------

function curl() {
  const { positional, flags } = parse('curl', args);
  record(false);
  const url = new URL(positional[0]);
  const respond = (status, body) => {
    if (status >= 400 && flags['--fail']) return fail(22, `curl: (22) The requested URL returned error: ${status}`);
    if (typeof flags['--output'] === 'string' && flags['--output'] !== '-') {
      if (flags['--output'] !== '/dev/null') writeFileSync(flags['--output'], body);
    } else out(body);
    save();
  };
  if (url.pathname === '/api/v1/query') {
    if (state.prometheus?.reachable === false) return fail(7, `curl: (7) Failed to connect to ${url.host} port 443: Connection refused`);
    const data = flags['--data-urlencode'];
    const query = typeof data === 'string' && data.startsWith('query=') ? data.slice('query='.length) : url.searchParams.get('query');
    state.queries.push(query);
    try {
      const v = evaluate(query ?? '');
      const result = v === null ? [] : [{ metric: {}, value: [1764580000, formatSample(v)] }];
      return respond(200, JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
    } catch (error) {
      if (!(error instanceof BadQuery)) throw error;
      return respond(400, JSON.stringify({ status: 'error', errorType: 'bad_data', error: error.message }));
    }
  }
  if (url.pathname === '/healthz') {
    const svc = { 'api.example.com': 'api-gateway', 'app.example.com': 'web' }[url.host];
    if (!svc) return fail(6, `curl: (6) Could not resolve host: ${url.host}`);
    const healthy = state.health[colourOf(svc)] !== false;
    return respond(healthy ? 200 : 503, healthy ? 'ok\n' : 'unhealthy\n');
  }
  return fail(6, `curl: (6) Could not resolve host: ${url.host}`);
}

// --- docker, sleep ---------------------------------------------------------------------------------

if (tool === 'sleep') {
  // Never touches the state file: it runs in the background while the script waits for it.
  setTimeout(() => process.exit(0), Number(state.sleepSeconds ?? 0.01) * 1000);
} else if (tool === 'docker') {
  record(false);
  save();
} else {
  const run = { kubectl, helm, curl }[tool];
  if (!run) fail(1, `platform-sim: unknown tool ${tool}`);
  run();
  save();
}
