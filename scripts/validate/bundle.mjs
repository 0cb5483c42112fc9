// The validator as one JavaScript file per entry point, built by esbuild and cached in
// .cache/validate-bin/. Started through the TypeScript loader, the validator spends most of a small
// run (`--changed`, the pre-commit hook, a warm run) loading itself: each of its ~120 modules is
// resolved and transpiled by tsx's loader thread, about 0.6 s on the 2-core machine. The bundle is
// plain JavaScript; only the packages of node_modules stay separate (they are imported as they are).
//
// The bundle is rebuilt when any of its inputs changes: esbuild's metafile lists them, and
// `bundledEntry` compares their size and mtime with the manifest of the last build (about 2 ms), so
// an edited check is never run stale. Plain JavaScript because it runs before any TypeScript loader.
//
// What the bundle keeps of the source: `import.meta.url` of each module is the source file's URL,
// so that data read next to a module (specs/*.json, the checks folder) and `createRequire` resolve
// as they do unbundled; the checks registry imports every module of its folder (esbuild bundles the
// folder through the registry's template-literal import).
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { withoutNaming } from './engine/loader-hooks.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCE = join(REPO, 'scripts', 'validate');
/** Entry points: the CLI and the two worker threads it may start. */
export const ENTRIES = { cli: join(SOURCE, 'cli.ts'), 'pool-worker': join(SOURCE, 'engine', 'pool-worker.ts'), 'parse-worker': join(SOURCE, 'engine', 'parse-worker.ts') };
/** Folders whose listing is an input too: a new module there changes the bundle (the checks registry). */
const LISTED = [join(SOURCE, 'checks')];
const FORMAT = 2;
const RACY_MS = 2000;
const KEEP_MS = 60 * 60 * 1000;

export const binDir = () => join(REPO, '.cache', 'validate-bin');

function stamp(path) {
  const s = statSync(path);
  return `${s.size}:${s.mtimeMs}`;
}

function listing(dir) {
  return readdirSync(dir).sort().join('\n');
}

function readManifest(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  } catch {
    return null;
  }
}

/** Whether the last build is still the source's: same Node, same inputs (the lockfile pins esbuild). */
export function fresh(manifest) {
  if (!manifest || manifest.format !== FORMAT || manifest.node !== process.version) return false;
  try {
    for (const [path, expected] of Object.entries(manifest.inputs)) if (stamp(join(REPO, path)) !== expected) return false;
    for (const [dir, expected] of Object.entries(manifest.listed)) if (listing(join(REPO, dir)) !== expected) return false;
  } catch {
    return false;
  }
  return true;
}

/** esbuild plugin: each of our modules keeps its own `import.meta.url` (see the top of this file). */
const sourceUrls = {
  name: 'source-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.(ts|mjs|js)$/ }, (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const text = readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      return { contents: text, loader: args.path.endsWith('.ts') ? 'ts' : 'js', resolveDir: dirname(args.path) };
    });
  },
};

/**
 * esbuild plugin: the tree walk the checks import (unist-util-visit and unist-util-visit-parents)
 * is bundled rather than left in node_modules, without its per-node closure naming: the same
 * statement the workers' loader hook removes (engine/loader-hooks.mjs, which says why), here for the
 * checks on the main thread, which has no loader hooks.
 */
const unnamedVisits = {
  name: 'unnamed-visits',
  setup(build) {
    build.onResolve({ filter: /^unist-util-visit(-parents)?$/ }, (args) => ({ path: fileURLToPath(import.meta.resolve(args.path)) }));
    build.onLoad({ filter: /[\\/]node_modules[\\/]unist-util-visit-parents[\\/]lib[\\/]index\.js$/ }, (args) => ({ contents: withoutNaming(readFileSync(args.path, 'utf8')), loader: 'js' }));
  },
};

/** Builds the bundle into a new folder and points the manifest at it; returns the folder. */
export async function build() {
  const esbuild = await import('esbuild');
  const started = Date.now();
  const root = binDir();
  mkdirSync(root, { recursive: true });
  const out = join(root, `build-${process.pid}-${Date.now().toString(36)}`);
  const result = await esbuild.build({
    entryPoints: ENTRIES,
    outdir: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // Chunks: a check and the packages it imports load when the registry imports it, and a run
    // replayed from the result cache loads neither.
    splitting: true,
    metafile: true,
    sourcemap: 'linked',
    plugins: [unnamedVisits, sourceUrls],
    logLevel: 'silent',
    absWorkingDir: REPO,
  });
  const inputs = {};
  for (const path of Object.keys(result.metafile.inputs)) {
    const abs = resolve(REPO, path.replace(/^[\w-]+:/, ''));
    inputs[relative(REPO, abs)] = stamp(abs);
  }
  // The lockfile stands for node_modules: esbuild's version and the packages left external.
  inputs['package-lock.json'] = stamp(join(REPO, 'package-lock.json'));
  // And the builder itself, with what it rewrites the sources with.
  for (const path of [fileURLToPath(import.meta.url), join(SOURCE, 'engine', 'loader-hooks.mjs')]) inputs[relative(REPO, path)] = stamp(path);
  const listed = Object.fromEntries(LISTED.map((dir) => [relative(REPO, dir), listing(dir)]));
  // A source edited while esbuild read it (or within the mtime's granularity): this run uses the
  // build, but no manifest vouches for it, so the next run builds again.
  const racy = Object.keys(inputs).some((path) => statSync(join(REPO, path)).mtimeMs >= started - RACY_MS);
  if (!racy) {
    const manifest = { format: FORMAT, node: process.version, dir: relative(root, out), inputs, listed };
    // Written whole then renamed: a run that starts meanwhile reads the old manifest or the new one.
    const temp = join(root, `manifest.${process.pid}.json`);
    writeFileSync(temp, JSON.stringify(manifest));
    renameSync(temp, join(root, 'manifest.json'));
  }
  prune(root, out);
  return out;
}

/** Removes other builds older than an hour: a run started from one may still be importing from it. */
function prune(root, keep) {
  for (const name of readdirSync(root)) {
    const dir = join(root, name);
    if (!name.startsWith('build-') || dir === keep) continue;
    try {
      if (Date.now() - statSync(dir).mtimeMs > KEEP_MS) rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another run pruned it first.
    }
  }
}

/**
 * The folder of a bundle that matches the source, building one if there is none; null when the
 * bundle cannot be built here (no esbuild, read-only checkout): the caller then runs the source.
 */
export async function bundledEntry() {
  const root = binDir();
  const manifest = readManifest(root);
  if (fresh(manifest)) return join(root, manifest.dir);
  try {
    return await build();
  } catch {
    return null;
  }
}
