// Registers the validator's module loader hooks (loader-hooks.mjs) in this thread: each worker
// thread imports it first, through `--import` in its execArgv (hooks are per thread).
import { register } from 'node:module';

register('./loader-hooks.mjs', import.meta.url);
