/**
 * Stored results of the local checks: the lean path for files that have not changed.
 *
 * A check declares `local: true` when its `checkFile` reads only the file it is given and the
 * project's data (the tag list, the catalog, the platform model, the alert rules, the scripts,
 * the options), never another doc. Its reports for a file are then a function of:
 *
 * - the file's path and content (its hash);
 * - the run's context: the data files' text, the options that matter (strict reviews, the UTC
 *   day), the site settings, the repository's config files and the validator's own code and data;
 * - the files of the repository a check looked at for this file (a `./scripts/x.sh` that exists,
 *   a `package.json`), recorded while the file is checked (`pathExists`, `readInput`) and looked at
 *   again before the stored reports are used.
 *
 * The runner (engine/runner.ts) records every `report` call a local check makes for a file, with
 * its resolved position, and stores them per file in the parse cache (namespace `local`). A later
 * run replays the calls through its own `report`, so `validate-ignore` markers, the per-rule cap and
 * the duplicate filter apply exactly as if the check had run. A file with a stored entry is not
 * parsed by the local checks at all: after one edit in a 10,000-doc tree, only the edited doc is.
 *
 * `tests/unit/local-checks.test.ts` runs every local check's examples in a project whose other
 * docs cannot be read, so a check marked local that reads another doc fails there.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SITE_SETTINGS } from '../../../core/site/settings.ts';
import type { ReportOptions } from './check.ts';
import type { DiskCache } from './disk-cache.ts';
import { digestInputs } from './result-cache.ts';
import type { DocFile, Position, Project } from './types.ts';

/** One `report` call: where (resolved), which message, its data and options. */
export type LocalCall = [line: number, column: number, messageId: string, data?: Readonly<Record<string, string | number>>, options?: ReportOptions];

/** What a file's local checks reported, by check id; a crash is kept as the first line of its error, after the calls made before it. */
export interface LocalEntry {
  /** Which local checks ran (a digest of their ids): an entry of another set is not used. */
  ran: string;
  /** Only the checks that reported something or crashed (most docs: none). */
  checks: Record<string, LocalCall[] | { crash: string; calls: LocalCall[] }>;
  /** Files of the repository the checks looked at: [kind, path, what was found]. */
  inputs: RecordedInput[];
}

type RecordedInput = ['exists', string, boolean] | ['text', string, string | null];

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
/** Root-level files some local check reads (the MDX import allowlist, npm scripts). */
const ROOT_CONFIG = ['security.config.yml', 'package.json'];
/** The validator's own code and data, by stat: any edit or reinstall starts afresh. */
const CODE_DIRS = ['scripts', 'core', 'src/data'];

let codeDigest: string | undefined;

/**
 * The stat of every file of the validator (its code folders, the lockfile and package.json), once
 * per process; the same walk as the stored reports' (engine/result-cache.ts).
 */
function validatorCode(): string {
  if (codeDigest !== undefined) return codeDigest;
  const walked = digestInputs(CODE_DIRS.map((dir) => join(REPO, dir)), process.version);
  const hash = createHash('sha256').update(walked?.digest ?? `unwalked ${Date.now()} ${Math.random()}`);
  for (const file of ['package-lock.json', 'package.json']) {
    try {
      const st = statSync(join(REPO, file));
      hash.update(`${file}\0${st.size}\0${st.mtimeMs}\n`);
    } catch {
      hash.update(`${file}\0missing\n`);
    }
  }
  codeDigest = hash.digest('hex');
  return codeDigest;
}

const textOrNull = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

const sha = (text: string | null) => (text === null ? null : createHash('sha256').update(text).digest('hex'));

const contexts = new WeakMap<Project, string>();

/** Everything besides the file that a local check's reports may depend on, as one digest (once per project). */
export function localContext(project: Project): string {
  const known = contexts.get(project);
  if (known) return known;
  const digest = computeContext(project);
  contexts.set(project, digest);
  return digest;
}

function computeContext(project: Project): string {
  const hash = createHash('sha256').update(validatorCode());
  const part = (name: string, text: string | null | undefined) => hash.update(`${name}\0${text ?? '\u0000missing'}\u0001`);
  part('tags', project.tags.doc ? project.tags.doc.toString() : null);
  part('catalog', project.catalog?.text);
  part('platform', project.platform?.text);
  for (const rules of project.alertRules) part(rules.path, rules.text);
  for (const script of project.scripts) part(script.path, script.text);
  for (const file of ROOT_CONFIG) part(file, textOrNull(join(project.root, file)));
  part('options', JSON.stringify({ strictReviews: project.options.strictReviews, day: project.options.now.toISOString().slice(0, 10) }));
  part('site', JSON.stringify(SITE_SETTINGS));
  return hash.digest('hex');
}

/** The inputs recorded for the file being checked (null: nothing is recording). */
let recording: RecordedInput[] | null = null;
const inputsOf = new WeakMap<DocFile, RecordedInput[]>();

/** Runs `fn` with repository lookups recorded as inputs of `file`. */
export function recordingInputsOf<T>(file: DocFile, fn: () => T): T {
  const outer = recording;
  let inputs = inputsOf.get(file);
  if (!inputs) inputsOf.set(file, (inputs = []));
  recording = inputs;
  try {
    return fn();
  } finally {
    recording = outer;
  }
}

/** Whether `rel` exists under the project root; recorded as an input of the file being checked. */
export function pathExists(root: string, rel: string, known?: boolean): boolean {
  const exists = known ?? existsSync(join(root, rel));
  recording?.push(['exists', rel, exists]);
  return exists;
}

/** A repository file's text (null when missing); its hash is recorded as an input of the file being checked. */
export function readInput(root: string, rel: string): string | null {
  const text = textOrNull(join(root, rel));
  recording?.push(['text', rel, sha(text)]);
  return text;
}

function stillTrue(root: string, input: RecordedInput): boolean {
  if (input[0] === 'exists') return existsSync(join(root, input[1])) === input[2];
  return sha(textOrNull(join(root, input[1]))) === input[2];
}

/** The local checks' stored reports, in the run's cache (`DiskCache` namespace `local`). */
export class LocalResults {
  private readonly context: string;
  private readonly ran: string;
  private readonly found = new Map<DocFile, LocalEntry | undefined>();
  /** Docs whose stored reports were used, and docs whose reports were stored (`--timings`). */
  readonly counts = { replayed: 0, stored: 0 };

  /** `checkIds`: the run's local checks; an entry lacking one of them is not used. */
  constructor(private readonly cache: DiskCache, private readonly project: Project, private readonly checkIds: readonly string[]) {
    this.context = localContext(project);
    this.ran = createHash('sha256').update([...checkIds].sort().join('\0')).digest('hex').slice(0, 16);
  }

  private key(file: DocFile): string {
    return createHash('sha256').update(`${this.context}\0${file.path}\0${file.hash}`).digest('hex');
  }

  /** The stored entry of `file`, when it covers every local check and its inputs are unchanged. */
  get(file: DocFile): LocalEntry | undefined {
    if (file.status !== 'ok') return undefined;
    if (this.found.has(file)) return this.found.get(file);
    const entry = this.lookup(file);
    this.found.set(file, entry);
    if (entry) this.counts.replayed++;
    return entry;
  }

  private lookup(file: DocFile): LocalEntry | undefined {
    const entry = this.cache.get<LocalEntry>('local', this.key(file));
    if (!entry || entry.ran !== this.ran) return undefined;
    // `set` stored each input once.
    return entry.inputs.every((input) => stillTrue(this.project.root, input)) ? entry : undefined;
  }

  /** Stores what `checks` (every local check, by id) reported for `file`. */
  set(file: DocFile, checks: LocalEntry['checks']): void {
    if (file.status !== 'ok' || !this.checkIds.every((id) => Object.hasOwn(checks, id))) return;
    const reported = Object.fromEntries(Object.entries(checks).filter(([, calls]) => !Array.isArray(calls) || calls.length > 0));
    const inputs = inputsOf.get(file) ?? [];
    const unique = [...new Map(inputs.map((input) => [`${input[0]}\0${input[1]}`, input])).values()];
    this.cache.set('local', this.key(file), { ran: this.ran, checks: reported, inputs: unique } satisfies LocalEntry);
    this.counts.stored++;
  }
}

/** A call as stored, from the position `report` resolved. */
export const localCall = (at: Position, messageId: string, data?: Readonly<Record<string, string | number>>, options?: ReportOptions): LocalCall => {
  const call: LocalCall = [at.line, at.column, messageId];
  if (data !== undefined || options !== undefined) call.push(data ?? {});
  if (options !== undefined) call.push(options);
  return call;
};
