/**
 * Which modules an `.mdx` page may import: the site's own components and Docusaurus' theme and
 * packages, plus the additions listed in `security.config.yml`, each with a reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Project } from '../engine/types.ts';
import { projectFact } from '../engine/facts.ts';

export const CONFIG_FILE = 'security.config.yml';

export const BUILT_IN_IMPORTS = ['@site/src/components/', '@theme/', '@docusaurus/'] as const;

const configSchema = z.strictObject({
  mdx_imports: z
    .array(z.strictObject({ module: z.string().min(1), reason: z.string().trim().min(10, { error: 'give a reason a reviewer can check (10 characters or more)' }) }))
    .default([]),
});

export interface Allowlist {
  prefixes: string[];
  exact: Set<string>;
  /** A problem with the configuration file itself, reported once. */
  error?: string;
}

/** The MDX import allowlist of a repository (its security.config.yml). */
export function readAllowlist(root: string): Allowlist {
  const list: Allowlist = { prefixes: [...BUILT_IN_IMPORTS], exact: new Set() };
  let text: string | null = null;
  try {
    text = readFileSync(join(root, CONFIG_FILE), 'utf8');
  } catch {
    text = null;
  }
  if (text !== null) {
    try {
      const parsed = configSchema.safeParse(parse(text) ?? {});
      if (!parsed.success) list.error = `${CONFIG_FILE}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
      else {
        for (const entry of parsed.data.mdx_imports) {
          if (entry.module.endsWith('/')) list.prefixes.push(entry.module);
          else list.exact.add(entry.module);
        }
      }
    } catch (error) {
      list.error = `${CONFIG_FILE} is not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    }
  }
  return list;
}

/** The allowlist of the run's repository, read once per run. */
export const ALLOWLIST = projectFact('mdx-allowlist', (project): Allowlist => readAllowlist(project.root));
export const allowlist = (project: Project): Allowlist => project.facts.get(ALLOWLIST);

export function allowed(list: Allowlist, source: string): boolean {
  // `@site/src/components/../../secrets` must not pass as a component.
  if (source.split('/').some((part) => part === '..' || part === '.')) return false;
  return list.exact.has(source) || list.prefixes.some((p) => source.startsWith(p) && source.length > p.length);
}
