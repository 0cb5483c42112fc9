// `npm run validate` and the pre-commit hook start here: the validator from its bundle
// (bundle.mjs; rebuilt when a source file changed), else from the TypeScript source through tsx.
// VALIDATE_FROM_SOURCE=1 always runs the source (a debugger, a stack trace with TypeScript lines).
// Either way the validator's module loader hooks come first (engine/loader-hooks.mjs).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import './engine/register-loader-hooks.mjs';

const dir = process.env.VALIDATE_FROM_SOURCE === '1' ? null : await (await import('./bundle.mjs')).bundledEntry();
if (dir) {
  // Worker threads start from the bundle too (engine/worker-url.ts).
  globalThis.validateBundleDir = dir;
  await import(pathToFileURL(join(dir, 'cli.js')).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./cli.ts');
}
