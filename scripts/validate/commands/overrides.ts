/**
 * Local corrections to the @withfig/autocomplete specs, and small local specs for tools the library
 * does not cover. Each entry says what is wrong or missing; nothing here copies a whole CLI.
 *
 * - kubectl: its spec is generated from its Go source (specs/kubectl.json); only the logging flags
 *   (`-v`, `--vmodule`), which kubectl's main adds from another module, are added here.
 * - git, helm, curl: their specs are generated from their own documentation (specs/<tool>.json,
 *   `npm run generate:specs`). Only curl's `--help` is corrected: its subject is optional.
 * - aws: generated from the AWS CLI v2 source (specs/aws.json, specs/aws.services.json); nothing is
 *   corrected here.
 * - psql, pg_dump, pg_restore: generated from PostgreSQL's reference pages (specs/<tool>.json);
 *   nothing is corrected here.
 * - gh, terraform: generated from their Go source (specs/gh.json, specs/terraform.json); they no
 *   longer use Fig's specs and nothing is corrected here.
 * - npm, node, jq: generated from npm's published package, the node binary's option table and
 *   jq's option parser (specs/<tool>.json); nothing is corrected here (node's "options before the
 *   script" is in its generated spec).
 * - redis-cli: generated from redis-cli.c's option parser (specs/redis-cli.json); nothing is corrected here.
 * - openssl: generated from its apps' option tables (specs/openssl.json); nothing is corrected here.
 */
import type { FigOption, FigSpec } from './spec-types.ts';

const val = (...name: string[]): FigOption => ({ name, args: { name: 'value' } });
const persistent = (o: FigOption): FigOption => ({ ...o, isPersistent: true });
const names = (n: string | string[]) => (Array.isArray(n) ? n : [n]);

interface Patch {
  /** Subcommand path from the root (`['rollout', 'undo']`). */
  at: string[];
  addOptions?: FigOption[];
  addSubcommands?: FigSpec[];
  set?: Partial<FigSpec>;
}

// kubectl's logging flags are added by k8s.io/component-base (cli.Run), outside the sources the
// kubectl spec is generated from; `kubectl options` lists them.
const KUBECTL_LOGGING: FigOption[] = [val('-v', '--v'), val('--vmodule'), val('--log-flush-frequency')].map(persistent);

const PATCHES: Record<string, Patch[]> = {
  kubectl: [{ at: [], addOptions: KUBECTL_LOGGING }],
};

/** Options whose value is optional in the real CLI although Fig's spec requires one. */
const OPTIONAL_VALUE: Record<string, string[]> = {
  // curl's option table says `--help` takes a subject; docs/cmdline-opts/help.md: without one it lists the important options.
  curl: ['--help'],
};

function findSub(spec: FigSpec, path: string[]): FigSpec | undefined {
  let node: FigSpec | undefined = spec;
  for (const part of path) {
    node = node?.subcommands?.find((s) => names(s.name).includes(part));
    if (!node) return undefined;
  }
  return node;
}

function walk(spec: FigSpec, visit: (s: FigSpec) => void) {
  visit(spec);
  for (const sub of spec.subcommands ?? []) walk(sub, visit);
}

const patched = new WeakSet<FigSpec>();

export function applyOverrides(tool: string, spec: FigSpec, _load: (name: string) => FigSpec | null): FigSpec {
  if (patched.has(spec)) return spec;
  patched.add(spec);
  for (const patch of PATCHES[tool] ?? []) {
    const node = findSub(spec, patch.at);
    if (!node) continue;
    if (patch.set) Object.assign(node, patch.set);
    if (patch.addOptions) {
      const existing = new Set((node.options ?? []).flatMap((o) => names(o.name)));
      node.options = [...(node.options ?? []), ...patch.addOptions.filter((o) => !names(o.name).some((n) => existing.has(n)))];
    }
    if (patch.addSubcommands) {
      const existing = node.subcommands ?? [];
      for (const sub of patch.addSubcommands) {
        const current = existing.find((s) => names(s.name).some((n) => names(sub.name).includes(n)));
        if (current) Object.assign(current, { ...sub, options: [...(current.options ?? []), ...(sub.options ?? [])] });
        else existing.push(sub);
      }
      node.subcommands = existing;
    }
  }
  const optional = new Set(OPTIONAL_VALUE[tool] ?? []);
  if (optional.size) {
    walk(spec, (s) => {
      s.options = (s.options ?? []).map((o) => (names(o.name).some((n) => optional.has(n)) ? { ...o, args: { name: 'value', isOptional: true } } : o));
    });
  }
  return spec;
}

/** Local specs for `spec: local` tools of the toolbox. */
export const LOCAL_SPECS: Record<string, () => FigSpec | null> = {
};
