/**
 * What commands may name, from the service catalog: namespaces, kube contexts, Helm releases,
 * deployments (per environment) and hosts; and the npm scripts of package.json files.
 */
import { join, relative } from 'node:path';
import { readInput } from '../engine/local-results.ts';
import { catalogOf } from '../engine/catalog.ts';
import type { Project } from '../engine/types.ts';
import { projectFact } from '../engine/facts.ts';

export interface CommandFacts {
  namespaces: Map<string, string>;
  contexts: Map<string, string>;
  /** Environment name → Helm releases / deployments. */
  releases: Map<string, string[]>;
  deployments: Map<string, string[]>;
  hosts: Set<string>;
  production: { namespace?: string; context?: string; releases: string[]; hosts: string[] };
}

export const HOST = /(?<![\w.-])((?:[a-z0-9-]+\.)*example\.com)(?![\w-])/gi;


function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

/** What commands may name, from the catalog (derived once per run). */
export const COMMAND_FACTS = projectFact('command-facts', (project): CommandFacts | null => {
  const catalog = catalogOf(project);
  if (!catalog) return null;
  const facts: CommandFacts = { namespaces: new Map(), contexts: new Map(), releases: new Map(), deployments: new Map(), hosts: new Set(), production: { releases: [], hosts: [] } };
  for (const [env, e] of Object.entries(catalog.environments)) {
    facts.namespaces.set(e.namespace, env);
    facts.contexts.set(e.kube_context, env);
    facts.releases.set(env, e.helm_releases);
    facts.deployments.set(env, Object.values(catalog.services).flatMap((s) => s.deployments[env] ?? []));
  }
  for (const s of strings(catalog)) for (const m of s.matchAll(HOST)) facts.hosts.add(m[1]!.toLowerCase());
  const prod = catalog.environments['production'];
  if (prod) {
    facts.production = {
      namespace: prod.namespace,
      context: prod.kube_context,
      releases: prod.helm_releases,
      hosts: [...facts.hosts].filter((h) => h.split('.').includes('production') || strings(prod.urls).some((u) => u.includes(`//${h}`))),
    };
  }
  return facts;
});
export const commandFacts = (project: Project): CommandFacts | null => project.facts.get(COMMAND_FACTS);

const PACKAGE_SCRIPTS = projectFact('package-scripts', () => new Map<string, Set<string> | null>());

/** Script names of `<root>/<dir>/package.json`, or null when there is none (read once per run). */
export function npmScripts(project: Project, dir: string): Set<string> | null {
  const scripts = project.facts.get(PACKAGE_SCRIPTS);
  const path = join(project.root, dir, 'package.json');
  // Read each time: an input of the doc being checked (engine/local-results.ts).
  const text = readInput(project.root, relative(project.root, path));
  if (!scripts.has(path)) {
    try {
      if (text === null) throw new Error('no package.json');
      const pkg = JSON.parse(text) as { scripts?: Record<string, string> };
      scripts.set(path, new Set(Object.keys(pkg.scripts ?? {})));
    } catch {
      scripts.set(path, null);
    }
  }
  return scripts.get(path)!;
}
