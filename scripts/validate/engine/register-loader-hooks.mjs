// Registers the validator's module loader hooks (loader-hooks.mjs) in this thread: imported first
// by launch.mjs, and by each worker thread through `--import` in its execArgv (hooks are per thread).
import { register } from 'node:module';

register('./loader-hooks.mjs', import.meta.url);
