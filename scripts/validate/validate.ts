import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadChecks } from './checks/index.ts';
import { cacheFile, DiskCache, NO_CACHE, setActiveCache } from './engine/disk-cache.ts';
import { loadProject } from './engine/load.ts';
import { prestartParseWorker } from './engine/parse-guard.ts';
import { collectSkipped, prepareChecks, runChecks, time, type RunStats } from './engine/runner.ts';
import type { ValidateOptions } from './engine/types.ts';
import type { RunResult } from './reporters/types.ts';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * What cached results depend on besides the file itself: the installed packages (the lockfile),
 * the Markdown and shell parsers and the lint check's own code. Any change starts a fresh cache.
 */
function cacheVersion(root: string): string {
  const hash = createHash('sha256').update(process.versions.v8);
  const inputs = [
    join(root, 'package-lock.json'),
    join(here, 'engine', 'parse.ts'),
    join(here, 'engine', 'parse-guard.ts'),
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

/** The whole pipeline: read and parse each file once, run every check, return sorted problems. */
export async function validate(root: string, paths: string[], options: ValidateOptions): Promise<RunResult> {
  const started = performance.now();
  const cache = options.cache ? new DiskCache(cacheFile(root, cacheVersion(root))) : NO_CACHE;
  setActiveCache(cache);
  try {
    const stats: RunStats = { suppressed: {}, ...(options.timings ? { timings: {} } : {}) };
    let phase = performance.now();
    const checks = await loadChecks();
    time(stats, '(load checks)', phase);
    phase = performance.now();
    // Files above 8 KB parse in a worker thread (parse-guard.ts); it loads while the first files are read.
    prestartParseWorker();
    const project = loadProject(root, paths, options);
    time(stats, '(read and parse files)', phase);
    const prepared = await prepareChecks(project, checks, stats);
    const problems = [...prepared, ...runChecks(project, checks, stats)];
    const skipped = collectSkipped(project, checks);
    phase = performance.now();
    cache.save();
    time(stats, '(save cache)', phase);
    return {
      files: project.targets.size,
      problems,
      suppressed: stats.suppressed,
      ...(skipped.length ? { skipped } : {}),
      ...(stats.timings ? { timings: stats.timings } : {}),
      elapsedMs: performance.now() - started,
    };
  } finally {
    setActiveCache(NO_CACHE);
  }
}
