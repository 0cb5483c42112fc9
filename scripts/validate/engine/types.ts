import type { Root } from 'mdast';
import type { Document } from 'yaml';
import type { LineIndex, Position } from './positions.ts';
import type { FactStore } from './fact-store.ts';

export type Severity = 'error' | 'warning';

export type { Position } from './positions.ts';

/** One problem, as every reporter prints it. `file` is relative to the repository root. */
export interface Problem extends Position {
  file: string;
  rule: string;
  /**
   * The id of the message in the check's `messages` (`lint` for messages a wrapped tool wrote).
   * Every problem of `npm run validate` has one; the link checker's problems do not (yet).
   */
  messageId?: string;
  severity: Severity;
  message: string;
}

export type FileStatus = 'ok' | 'binary' | 'too-large' | 'not-utf8' | 'unexpected' | 'unparseable';

export interface FrontmatterBlock {
  /** Offset in `source` where the YAML text starts (the line after the opening `---`). */
  offset: number;
  /** The YAML text between the fences. */
  text: string;
  doc: Document.Parsed;
  /** Plain JS value of the YAML (undefined when the YAML did not parse). */
  data: unknown;
}

/** A file read and parsed once; every check reads this shared model. */
export interface DocFile {
  /** Path relative to the repository root, with `/` separators. */
  path: string;
  status: FileStatus;
  size: number;
  /** sha256 of the bytes, for caches keyed by content. */
  hash: string;
  /** Text with a leading BOM removed (empty unless status is `ok`). */
  source: string;
  hasBom: boolean;
  lines: LineIndex;
  /** Frontmatter block, or null when the file has none. */
  frontmatter: FrontmatterBlock | null;
  /** `---` opened on line 1 but never closed. */
  frontmatterUnclosed: boolean;
  /** mdast tree with positions (null unless status is `ok`). */
  tree: Root | null;
  /** Why the file could not be parsed (status `unparseable`): a nesting guard, the time budget, a parser crash. */
  unparseable?: string;
}

export interface ValidateOptions {
  /** Overdue reviews are errors instead of warnings. */
  strictReviews: boolean;
  /** The clock, injectable for tests. */
  now: Date;
  /** Reuse parse trees and lint results of unchanged files from `.cache/validate/` (default in the CLI). */
  cache?: boolean;
  /** Measure how long each phase and each check takes (`--timings`). */
  timings?: boolean;
  /** Report only the files a change touches and those pointing at it (`--changed`, `--staged`). */
  changed?: { base: string; staged: boolean };
  /** Worker threads for parsing and linting a cold tree (engine/pool.ts); 1 is serial. Default: one per core. */
  threads?: number;
  /** Report only the files of this shard (`--shard k/n`); the whole tree is still read. */
  shard?: { index: number; count: number };
}

export interface TagDefinition {
  key: string;
  label?: string;
  description?: string;
}

/** Any text a problem can point into: a doc, or a data file such as `docs/tags.yml`. */
export interface SourceRef {
  path: string;
  lines: LineIndex;
}

/** `docs/tags.yml`: the controlled tag list. */
export interface TagList extends SourceRef {
  /** Parsed YAML, or null when the file does not exist. */
  doc: Document.Parsed | null;
  byKey: Map<string, TagDefinition & { offset: number }>;
}

/** A YAML data file of the repo (the service catalog, alert rules), parsed once with positions. */
export interface DataFile extends SourceRef {
  text: string;
  doc: Document.Parsed;
  /** Plain JS value, or undefined when the YAML has errors. */
  data: unknown;
}

/** A shell script of the repository, read as text. */
export interface ScriptFile extends SourceRef {
  text: string;
}

/** Everything checks may read: all files of the run, the tag list and the options. */
export interface Project {
  root: string;
  files: DocFile[];
  /** Files whose problems are reported (a subset of `files`). */
  targets: Set<string>;
  tags: TagList;
  /** `src/data/catalog.yml`, or null when absent. */
  catalog: DataFile | null;
  /** `src/data/alerts/*.rules.yml`. */
  alertRules: DataFile[];
  /** `src/data/platform.yml` (the platform model), or null when absent. */
  platform: DataFile | null;
  /** The platform's shell scripts (`static/scripts/*.sh`), checked for PromQL and commands. */
  scripts: ScriptFile[];
  options: ValidateOptions;
  /** Facts derived from the files of this run, computed once and shared by the checks (engine/fact-store.ts). */
  readonly facts: FactStore<Project, DocFile>;
}
