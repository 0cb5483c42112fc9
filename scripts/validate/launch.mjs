// `npm run validate` and the pre-commit hook start here: the validator from its bundle
// (bundle.mjs; rebuilt when a source file changed), else from the TypeScript source through tsx.
// VALIDATE_FROM_SOURCE=1 always runs the source (a debugger, a stack trace with TypeScript lines).
// The main thread registers no module loader hooks (engine/loader-hooks.mjs): with hooks, every
// module loads through the hooks thread, which cost a 10,000-doc `--changed` run 0.35 s, while the
// hook only pays off where thousands of trees are linted: in the worker threads of a cold run.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

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
