import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir } from './engine/disk-cache.ts';
import { digestInputs, ResultCache, runKey } from './engine/result-cache.ts';
import type { ValidateOptions } from './engine/types.ts';
import type { RunResult } from './reporters/types.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** The validator's repository: its code is an input of a stored result too. */
const REPO = join(here, '..', '..');

/**
 * What cached results depend on besides the file itself: the installed packages (the lockfile),
 * the Markdown and shell parsers and the lint check's own code. Any change starts a fresh cache.
 */
function cacheVersion(root: string): string {
  const hash = createHash('sha256').update(process.versions.v8);
  const inputs = [
    join(root, 'package-lock.json'),
    join(here, 'engine', 'parse.ts'),
    join(REPO, 'core', 'markdown', 'parse.ts'),
    join(REPO, 'core', 'markdown', 'dialect.js'),
    join(REPO, 'core', 'shell.ts'),
    join(here, 'engine', 'parse-guard.ts'),
    join(here, 'engine', 'parse-worker.ts'),
    join(here, 'engine', 'facts.ts'),
    join(here, 'engine', 'file-index.ts'),
    join(here, 'engine', 'routes.ts'),
    join(REPO, 'core', 'site', 'settings.ts'),
    join(REPO, 'core', 'markdown', 'headings.ts'),
    join(here, 'checks', 'remark-lint.ts'),
    join(here, 'commands', 'parse.ts'),
    join(here, 'commands', 'placeholders.ts'),
    ...safeList(join(here, '..', 'remark')).map((name) => join(here, '..', 'remark', name)),
  ];
  for (const file of inputs) {
    try {
      hash.update(readFileSync(file));
    } catch {
      hash.update(`missing:${file}`);
    }
  }
  return hash.digest('hex').slice(0, 16);
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/**
 * The whole run: the stored result when nothing it depends on changed (engine/result-cache.ts),
 * else the pipeline (pipeline.ts: read and parse each file once, run every check, sorted problems).
 */
export async function validate(root: string, paths: string[], options: ValidateOptions): Promise<RunResult> {
  const started = performance.now();
  const version = options.cache ? cacheVersion(root) : null;
  const dir = version ? cacheDir(root, version) : null;
  // Runs that ask git what changed depend on its history too: they are not stored.
  const results = dir && !options.changed ? new ResultCache(join(dir, 'results'), runKey(paths, options)) : null;
  const inputs = results ? digestInputs(relative(REPO, root) === '' ? [root] : [root, REPO], version!) : null;
  const stored = inputs ? results!.get(inputs) : undefined;
  if (stored) {
    const elapsedMs = performance.now() - started;
    return { ...stored, elapsedMs, ...(options.timings ? { timings: { '(the result of a run on the same inputs, from .cache/validate/)': elapsedMs } } : {}) };
  }
  const { runPipeline } = await import('./pipeline.ts');
  const result = await runPipeline(root, paths, options, dir, started);
  if (inputs) results!.set(inputs, result);
  return result;
}
