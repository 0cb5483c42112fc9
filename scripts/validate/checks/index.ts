/**
 * The check registry: every module in this folder (other than this one) default-exports one check.
 * Adding a check is adding one file here; its examples become tests and its docs page is generated.
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Check } from '../engine/check.ts';

const here = dirname(fileURLToPath(import.meta.url));

export function checkModuleFiles(): string[] {
  return readdirSync(here)
    .filter((name) => name.endsWith('.ts') && name !== 'index.ts' && !name.endsWith('.test.ts'))
    .sort();
}

/** The registry is the same for the whole process: modules are imported once. */
let registry: Promise<Check[]> | undefined;

/** Every check, in file name order (a fresh array each call). */
export async function loadChecks(): Promise<Check[]> {
  registry ??= importChecks();
  return (await registry).slice();
}

async function importChecks(): Promise<Check[]> {
  const checks: Check[] = [];
  for (const name of checkModuleFiles()) {
    // A template literal with the extension outside it, so that esbuild bundles the folder (bundle.mjs).
    const mod = (await import(/* @vite-ignore */ `./${name.slice(0, -'.ts'.length)}.ts`)) as { default?: Check };
    if (!mod.default?.id) throw new Error(`scripts/validate/checks/${name} does not default-export a check`);
    checks.push(mod.default);
  }
  return checks;
}
