import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where a worker thread's module is: in the bundle when the validator runs from it (launch.mjs sets
 * `globalThis.validateBundleDir`), else `source` (the `.mjs` that loads the TypeScript through tsx).
 */
export function workerUrl(name: 'pool-worker' | 'parse-worker', source: URL): URL {
  const dir = (globalThis as { validateBundleDir?: string }).validateBundleDir;
  return dir ? pathToFileURL(join(dir, `${name}.js`)) : source;
}

/**
 * The worker's execArgv: the validator's loader hooks (engine/loader-hooks.mjs), nothing else. Not
 * the parent's: a V8 flag there (`node --max-old-space-size=… launch.mjs`) is refused by `new
 * Worker` once execArgv is given, and a worker needs none of them (from source, the worker's `.mjs`
 * registers tsx itself).
 */
export function workerExecArgv(): string[] {
  const hooks = join(dirname(fileURLToPath(import.meta.url)), 'register-loader-hooks.mjs');
  return ['--import', pathToFileURL(hooks).href];
}
