// Module loader hooks of the validator's worker threads (registered by register-loader-hooks.mjs,
// through each worker's execArgv). Not in the main thread: there, every module would load through
// the hooks thread (0.35 s of a 10,000-doc `--changed` run) to speed up the few docs it lints.
//
// One hook, for speed: unist-util-visit-parents (v6), which every remark-lint rule walks the tree
// with, names each closure it creates, one per node per walk, for nicer stack traces
// (`Object.defineProperty(visit, 'name', …)`). That bookkeeping was 60% of the remark-lint check's
// time: 3.5 s of 1,000 docs' cold run, 1.4 s with the statement deleted from the package by hand
// (one thread, `--timings`); a pool worker with the hook lints and parses 400 docs in 1.7 s, 2.6 s
// without it. The hook removes that one statement from the module's source as it loads, and
// changes nothing else: the walk, its order and its actions stay the package's own code. If a new
// version of the package no longer has the statement, its source loads unchanged
// (`tests/unit/loader-hooks.test.ts` says which), so the hook can never change what the rules
// report.
const TARGET = /\/node_modules\/unist-util-visit-parents\/lib\/index\.js$/;
export const NAMING = /Object\.defineProperty\(visit, 'name', \{[^{}]*\}\)/;

/** The package's source without the naming statement (or unchanged if it has none). */
export function withoutNaming(source) {
  return source.replace(NAMING, 'void 0');
}

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (!TARGET.test(url) || result.source == null) return result;
  return { ...result, source: withoutNaming(String(result.source)) };
}
