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

/** The worker's execArgv: the parent's, plus the validator's loader hooks (engine/loader-hooks.mjs). */
export function workerExecArgv(): string[] {
  const hooks = join(dirname(fileURLToPath(import.meta.url)), 'register-loader-hooks.mjs');
  return [...process.execArgv, '--import', pathToFileURL(hooks).href];
}
