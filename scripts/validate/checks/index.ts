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
  // All at once, in file name order: the module loader reads the files concurrently instead of
  // one after the other (one at a time, it waited idle on the disk for about 0.15 s of each run).
  const names = checkModuleFiles();
  // A template literal with the extension outside it, so that esbuild bundles the folder (bundle.mjs).
  const mods = await Promise.all(names.map((name) => import(/* @vite-ignore */ `./${name.slice(0, -'.ts'.length)}.ts`) as Promise<{ default?: Check }>));
  return mods.map((mod, i) => {
    if (!mod.default?.id) throw new Error(`scripts/validate/checks/${names[i]} does not default-export a check`);
    return mod.default;
  });
}
