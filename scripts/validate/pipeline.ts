/**
 * The pipeline of a run that is not a replay (validate.ts): read and parse each file once (cold
 * docs in worker threads), narrow the reported files (`--changed`, `--shard`), run every check,
 * update the facts index and the parse cache. Imported on demand, so that a replayed run loads none
 * of the parsers and checks.
 */
import { join } from 'node:path';
import { loadChecks } from './checks/index.ts';
import { DiskCache, NO_CACHE, ofLiveDocs, setActiveCache } from './engine/disk-cache.ts';
import { FileIndex } from './engine/file-index.ts';
import { loadProject, selectFiles } from './engine/load.ts';
import { defaultThreads, prewarm } from './engine/pool.ts';
import { prestartParseWorker } from './engine/parse-guard.ts';
import { prepareChecks, runChecks, time, type RunStats } from './engine/runner.ts';
import type { Project, ValidateOptions } from './engine/types.ts';
import { gitChanges, selectChanged, type ChangeSet } from './engine/changed.ts';
import { inShard } from './engine/shard.ts';
import { LocalResults } from './engine/local-results.ts';
import { hasLocalReports } from './engine/check.ts';
import type { RunResult } from './reporters/types.ts';

/**
 * `--changed` and `--shard`: report fewer files of the same project. Every file is still read, so
 * that links, ids and alerts resolve against the whole tree.
 */
async function narrowTargets(project: Project, changes: Promise<ChangeSet> | undefined): Promise<RunResult['notReported']> {
  const { changed, shard } = project.options;
  if (!changed && !shard) return undefined;
  const before = project.targets.size;
  const reasons: string[] = [];
  if (changed && changes) {
    const selection = selectChanged(project, await changes);
    project.targets = selection.targets;
    reasons.push(selection.everything ? `--changed: ${selection.everything}, so all files are reported` : `--changed: not changed since ${changed.staged ? 'HEAD (staged files)' : changed.base}, and pointing at nothing that changed`);
  }
  if (shard) {
    project.targets = new Set([...project.targets].filter((path) => inShard(path, shard)));
    reasons.push(`--shard ${shard.index}/${shard.count}: in other shards`);
  }
  return { count: before - project.targets.size, reason: reasons.join('; ') };
}

/** Runs every check; `dir` is the run's cache folder (null: `--no-cache`). */
export async function runPipeline(root: string, paths: string[], options: ValidateOptions, dir: string | null, started: number): Promise<RunResult> {
  const cache = dir ? new DiskCache(dir) : NO_CACHE;
  const index = new FileIndex(dir && join(dir, 'index.json'));
  setActiveCache(cache);
  try {
    const stats: RunStats = { suppressed: {}, ...(options.timings ? { timings: {} } : {}) };
    let phase = performance.now();
    // git finds what changed (its own processes) while this thread reads the tree.
    const changes = options.changed ? gitChanges(root, options.changed.base, options.changed.staged) : undefined;
    changes?.catch(() => undefined);
    // Cold docs are parsed and linted by worker threads (engine/pool.ts), which start while the
    // checks load, and by this thread once they have.
    const selection = selectFiles(root, paths);
    const pool = prewarm(root, selection.read, cache, index, options.threads ?? defaultThreads(), options);
    const checks = await loadChecks();
    time(stats, '(load checks)', phase);
    phase = performance.now();
    const pooled = await pool;
    if (pooled.files > 0) time(stats, `(parse and lint ${pooled.done} of ${pooled.files} docs in ${pooled.workers} worker${pooled.workers === 1 ? '' : 's'} and the main thread, after the checks loaded)`, phase);
    phase = performance.now();
    // Files above 8 KB parse in a worker thread (parse-guard.ts); it loads while the first files are read.
    if (pooled.files === 0) prestartParseWorker();
    const project = loadProject(root, paths, options, index, selection);
    time(stats, '(read and parse files)', phase);
    const notReported = await narrowTargets(project, changes);
    // Stored reports of the local checks for unchanged docs (engine/local-results.ts).
    const local = dir ? new LocalResults(cache, project, checks.filter(hasLocalReports).map((c) => c.id)) : undefined;
    const prepared = await prepareChecks(project, checks, stats, local);
    // A check whose set-up failed reports less than it should: this run neither replays nor
    // stores the local checks' reports (the failure itself is reported).
    const problems = [...prepared, ...runChecks(project, checks, stats, prepared.length === 0 ? local : undefined)];
    const skipped = stats.skipped ?? [];
    phase = performance.now();
    // Only a run over the whole tree may forget the entries it did not use.
    const whole = paths.length === 0 && !options.changed && !options.shard;
    index.update(project, paths.length === 0 ? new Set(project.files.map((f) => f.path)) : undefined);
    // A `--changed` run leaves the index as it found it: writing 10,000 entries back for the few
    // docs it parsed costs more (0.1 s) than finding those docs changed again next time (their
    // trees are in the parse cache).
    if (!options.changed) index.save();
    cache.save({ prune: whole, keep: ofLiveDocs(new Set(project.files.map((f) => f.hash))) });
    time(stats, '(save cache)', phase);
    if (stats.timings) {
      const { fromIndex, hashed, parsed, loadedLater } = index.counts;
      stats.counts = { 'docs from the index (stat matched)': fromIndex, 'docs hashed, unchanged': hashed, 'docs parsed': parsed, 'indexed docs a check read in full': loadedLater, 'docs whose local checks replayed stored reports': local?.counts.replayed ?? 0, 'docs whose local checks ran': local?.counts.stored ?? 0, 'cache buckets read': cache.bucketsRead };
    }
    return {
      files: project.targets.size,
      problems,
      ...(notReported ? { notReported } : {}),
      rules: checks.map((c) => ({ id: c.id, description: c.description, severity: c.severity })),
      suppressed: stats.suppressed,
      ...(skipped.length ? { skipped } : {}),
      ...(stats.timings ? { timings: stats.timings } : {}),
      ...(stats.counts ? { counts: stats.counts } : {}),
      elapsedMs: performance.now() - started,
    };
  } finally {
    setActiveCache(NO_CACHE);
  }
}
