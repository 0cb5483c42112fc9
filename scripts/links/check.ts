/**
 * The whole external-link run: select files, extract every occurrence (one parse per file, shared
 * with `npm run validate`), drop ignored URLs, answer what the cache knows, probe each remaining
 * unique URL once under the scheduler's limits, classify, and report one problem per occurrence.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { loadDataFile, selectFiles, TAGS_FILE, walk } from '../validate/engine/load.ts';
import { parseFile } from '../validate/engine/parse.ts';
import { compareProblems } from '../validate/engine/runner.ts';
import { closest, withHint } from '../validate/engine/suggest.ts';
import type { Problem } from '../validate/engine/types.ts';
import type { RunResult } from '../validate/reporters/types.ts';
import { LinkCache, type FragmentResult, type LinkResult } from './cache.ts';
import { onChangedLine, type ChangedLines } from './changed.ts';
import { classify, type Classification } from './classify.ts';
import { CONFIG_FILE, hostLimitsFor, ignoredBy, type LinksConfig } from './config.ts';
import { formatDuration } from '../../core/duration.ts';
import { extractData, extractFile, type Occurrence } from './extract.ts';
import { DEFAULT_USER_AGENT, fetchPage, PERMANENT_REDIRECTS, probe, type Attempt, type Page } from './probe.ts';
import { Scheduler, sleep } from './schedule.ts';

export const RULES = {
  dead: 'links/external-dead',
  unverified: 'links/external-unverified',
  redirect: 'links/external-redirect',
  fragment: 'links/external-fragment',
  malformed: 'links/external-malformed',
  insecure: 'links/external-insecure',
} as const;

export const DATA_DIR = 'src/data';
const MAX_REDIRECTS = 10;

export interface LinkCheckOptions {
  root: string;
  paths: string[];
  config: LinksConfig;
  /** No network: extraction problems and cached results only. */
  offline?: boolean;
  /** Only occurrences on these lines (`--changed`). */
  changed?: ChangedLines;
  now?: Date;
  /** Cache file (absolute, or relative to root); null disables the cache. Default: the config's. */
  cacheFile?: string | null;
}

export interface LinkCheckStats {
  occurrences: number;
  unique: number;
  ignored: number;
  fromCache: number;
  probed: number;
  /** Offline runs: URLs with no cached result, not checked. */
  notChecked: number;
  requests: number;
  maxInFlight: number;
  /** Probed URLs whose host did not resolve (all of them: the machine is probably offline). */
  dnsFailed: number;
}

export type LinkCheckRun = RunResult & { stats: LinkCheckStats };

const LOOPBACK = /^(localhost|127(?:\.\d+){3}|\[::1\])$/i;

interface Target {
  key: string;
  host: string;
  fragments: Set<string>;
  occurrences: { occurrence: Occurrence; fragment: string | null }[];
  started: boolean;
  result?: LinkResult;
}

/** Files of the run: Markdown docs and YAML data files (catalog, alert rules). */
export function selectLinkFiles(root: string, paths: string[]): string[] {
  const { targets } = selectFiles(root, paths);
  const all = [...targets];
  if (paths.length === 0 && existsSync(join(root, DATA_DIR))) all.push(...walk(root, DATA_DIR));
  return [...new Set(all)].filter((p) => p !== TAGS_FILE && /\.(mdx?|ya?ml)$/i.test(p)).sort();
}

/** The occurrences of one file; a file without `http` in it is not even parsed. */
export function extractPath(root: string, path: string): Occurrence[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(root, path));
  } catch {
    return [];
  }
  if (!/https?:/i.test(bytes.toString('latin1'))) return [];
  if (/\.ya?ml$/i.test(path)) return extractData(loadDataFile(path, bytes.toString('utf8')));
  return extractFile(parseFile(path, bytes));
}

export function extractAll(root: string, files: string[]): Occurrence[] {
  return files.flatMap((path) => extractPath(root, path));
}

type Inspected = { key: string; host: string; fragment: string | null; insecure: boolean } | { malformed: string };

/** Syntax of one URL, before any network: the probe key (no fragment), host and fragment. */
export function inspectUrl(raw: string): Inspected {
  if (!/^https?:\/\/[^/\\]/i.test(raw)) return { malformed: `\`${raw}\` needs \`//\` and a host after the scheme, like \`https://example.com/path\`` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { malformed: `\`${raw}\` is not a valid URL` };
  }
  if (/\s/.test(raw)) return { malformed: `\`${raw}\` contains a space; encode it as \`%20\`` };
  const fragment = url.hash.length > 1 && !url.hash.startsWith('#:~:') ? safeDecode(url.hash.slice(1)) : null;
  url.hash = '';
  return { key: url.href, host: url.host, fragment, insecure: url.protocol === 'http:' && !LOOPBACK.test(url.hostname) };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function fragmentResult(page: Page, fragment: string, maxBytes: number): FragmentResult {
  if (page.error || page.status < 200 || page.status >= 300) return { found: null, note: `the page could not be loaded to look for it (${page.error ?? page.status})` };
  if (!page.html) return { found: null, note: 'not an HTML page' };
  if (page.anchors.has(fragment)) return { found: true };
  if (page.truncated) return { found: null, note: `not in the first ${Math.round(maxBytes / 1024)} KiB of the page` };
  const suggestion = closest(fragment, page.anchors);
  return suggestion === undefined ? { found: false } : { found: false, suggestion };
}

export async function checkLinks(options: LinkCheckOptions): Promise<LinkCheckRun> {
  const started = performance.now();
  const { root, config } = options;
  const now = options.now ?? new Date();
  const files = selectLinkFiles(root, options.paths);

  const problems: Problem[] = [];
  const report = (o: Occurrence, rule: string, severity: Problem['severity'], message: string) =>
    problems.push({ file: o.file, line: o.line, column: o.column, rule, severity, message });

  const cacheFile = options.cacheFile === undefined ? config.cache.file : options.cacheFile;
  const cache = new LinkCache(cacheFile === null ? null : resolvePath(root, cacheFile), config.cache.maxAge, config.cache.failedMaxAge, now);
  const scheduler = new Scheduler({ concurrency: config.concurrency, hostLimits: (host) => hostLimitsFor(config, host) });
  const stats: LinkCheckStats = { occurrences: 0, unique: 0, ignored: 0, fromCache: 0, probed: 0, notChecked: 0, requests: 0, maxInFlight: 0, dnsFailed: 0 };
  const probeOptions = { timeout: config.timeout, maxRedirects: MAX_REDIRECTS, userAgent: config.userAgent ?? DEFAULT_USER_AGENT };
  // Probing starts while files are still being parsed; only the fragment stage waits for the end
  // of extraction, when every fragment asked of a page is known.
  let extractionDone!: () => void;
  const extraction = new Promise<void>((resolve) => (extractionDone = resolve));

  const checkOne = async (target: Target): Promise<LinkResult> => {
    let attempt: Attempt;
    let verdict: Classification;
    let attempts = 0;
    for (;;) {
      attempts++;
      attempt = await scheduler.run(target.host, () => probe(target.key, probeOptions));
      stats.requests += attempt.requests;
      verdict = classify(attempt, probeOptions);
      if (attempt.error === 'ENOTFOUND') stats.dnsFailed++;
      if (!verdict.retry) break;
      if (verdict.retryAfterMs !== undefined && verdict.retryAfterMs > config.maxRetryAfter) {
        verdict.reason += `; the server asks to retry after ${formatDuration(verdict.retryAfterMs)}, more than maxRetryAfter (${formatDuration(config.maxRetryAfter)})`;
        break;
      }
      if (attempts > config.retries) {
        verdict.reason += ` (${attempts} attempts)`;
        break;
      }
      const wait = verdict.retryAfterMs ?? config.backoff * 2 ** (attempts - 1) * (0.75 + Math.random() * 0.5);
      // The server said "not now": nothing else starts on that host until then either.
      if (attempt.status === 429 || verdict.retryAfterMs !== undefined) scheduler.pause(target.host, performance.now() + wait);
      await sleep(wait);
    }
    const result: LinkResult = { verdict: verdict.verdict, status: attempt.status, reason: verdict.reason, attempts, checkedAt: now.toISOString() };
    const first = attempt.redirects[0];
    if (verdict.verdict === 'alive' && first && PERMANENT_REDIRECTS.has(first.status)) {
      let to = first.to;
      for (const hop of attempt.redirects.slice(1)) {
        if (!PERMANENT_REDIRECTS.has(hop.status)) break;
        to = hop.to;
      }
      result.redirect = { to, status: first.status };
    }
    if (verdict.verdict === 'dead' && attempt.redirects.length > 0 && !attempt.tooManyRedirects) result.reason += ` (after redirecting to \`${attempt.finalUrl}\`)`;
    if (verdict.verdict === 'alive') await extraction;
    if (verdict.verdict === 'alive' && target.fragments.size > 0) {
      const page = await scheduler.run(target.host, () => fetchPage(attempt.finalUrl, { ...probeOptions, maxBytes: config.maxPageBytes }));
      stats.requests += 1;
      result.fragments = {};
      for (const fragment of target.fragments) result.fragments[fragment] = fragmentResult(page, fragment, config.maxPageBytes);
    }
    return result;
  };

  const pending: Promise<void>[] = [];
  const startProbe = (target: Target) => {
    target.started = true;
    stats.probed++;
    pending.push(
      checkOne(target).then((result) => {
        target.result = result;
        cache.set(target.key, result);
      }),
    );
  };

  const targets = new Map<string, Target>();
  const add = (occurrence: Occurrence) => {
    stats.occurrences++;
    const inspected = inspectUrl(occurrence.url);
    if ('malformed' in inspected) {
      // A Markdown link is meant as a link; text in a YAML value that looks like one may not be.
      if (occurrence.kind !== 'frontmatter' && occurrence.kind !== 'data') report(occurrence, RULES.malformed, 'error', `malformed URL: ${inspected.malformed}.`);
      return;
    }
    if (ignoredBy(config, occurrence.url)) {
      stats.ignored++;
      return;
    }
    if (inspected.insecure) {
      report(occurrence, RULES.insecure, 'warning', `\`${occurrence.url}\` is plain http; use \`${occurrence.url.replace(/^http:/i, 'https:')}\` if the site serves https.`);
    }
    let target = targets.get(inspected.key);
    if (!target) {
      target = { key: inspected.key, host: inspected.host, fragments: new Set(), occurrences: [], started: false };
      targets.set(inspected.key, target);
      // Nothing fresh in the cache: it will be probed whatever else the files say, so start now.
      if (!options.offline && !cache.get(target.key)) startProbe(target);
    }
    if (inspected.fragment !== null) target.fragments.add(inspected.fragment);
    target.occurrences.push({ occurrence, fragment: inspected.fragment });
  };

  for (let i = 0; i < files.length; i++) {
    for (const occurrence of extractPath(root, files[i]!)) {
      if (!options.changed || onChangedLine(options.changed, occurrence.file, occurrence.line)) add(occurrence);
    }
    // Let started probes make progress between files.
    if (i % 16 === 15) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  extractionDone();
  stats.unique = targets.size;

  for (const target of targets.values()) {
    if (target.started) continue;
    const cached = options.offline ? cache.peek(target.key) : cache.get(target.key, target.fragments);
    if (cached) {
      target.result = cached;
      stats.fromCache++;
    } else if (options.offline) stats.notChecked++;
    else startProbe(target);
  }
  await Promise.all(pending);
  stats.maxInFlight = scheduler.maxInFlight;
  if (!options.offline) {
    try {
      cache.save();
    } catch (error) {
      process.stderr.write(`check:links: could not write the cache ${String(cacheFile)}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }

  for (const target of targets.values()) {
    const result = target.result;
    if (!result) continue;
    for (const { occurrence, fragment } of target.occurrences) reportResult(occurrence, fragment, target.key, result, config, report);
  }
  return { files: files.length, problems: problems.sort(compareProblems), elapsedMs: performance.now() - started, stats };
}

function reportResult(
  occurrence: Occurrence,
  fragment: string | null,
  key: string,
  result: LinkResult,
  config: LinksConfig,
  report: (o: Occurrence, rule: string, severity: Problem['severity'], message: string) => void,
): void {
  const url = occurrence.url;
  if (result.verdict !== 'alive') {
    const allow = config.allowRules.find((r) => r.regex.test(url));
    const allowed = allow && (allow.statuses ? allow.statuses.includes(result.status) : result.verdict === 'unverified');
    if (allowed) return;
    if (result.verdict === 'dead') report(occurrence, RULES.dead, 'error', `\`${url}\` is dead: ${result.reason}. Fix or remove the link.`);
    else {
      report(
        occurrence,
        RULES.unverified,
        'warning',
        `could not verify \`${url}\`: ${result.reason}. Open it in a browser; if it works, add an \`allow\` entry with the reason to ${CONFIG_FILE}.`,
      );
    }
    return;
  }
  if (result.redirect) {
    const to = fragment !== null && !result.redirect.to.includes('#') ? `${result.redirect.to}#${fragment}` : result.redirect.to;
    report(occurrence, RULES.redirect, 'warning', `\`${url}\` permanently redirects (${result.redirect.status}) to \`${to}\`; link to the new address.`);
  }
  if (fragment !== null) {
    const found = result.fragments?.[fragment];
    if (found?.found === false) {
      const hint = found.suggestion === undefined ? '' : ` Did you mean \`#${found.suggestion}\`?`;
      report(occurrence, RULES.fragment, 'warning', withHint(`\`#${fragment}\` is not an anchor of \`${key}\` (no element has that id or name)`, hint));
    }
  }
}
