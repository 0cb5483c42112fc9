/**
 * The per-run facts API. A fact is derived from one file (its headings, links, shell blocks) or
 * from the whole run (runbook ids, the site map, the validated catalog), computed on first use and
 * shared by every check that reads it, for this run only: nothing derived outlives the run in a
 * module-level memo, so two runs (tests, an editor, a watch mode) never see each other's files.
 *
 * Facts are declared where they are derived (engine/facts.ts, commands/model.ts, …) with
 * `fileFact` / `projectFact`, and read with `project.facts.of(FACT, file)` / `project.facts.get(FACT)`.
 * This module knows no project type, so that `Project` can hold a store without an import cycle.
 */

export interface FileFact<File extends object, Owner, T> {
  readonly kind: 'file';
  readonly name: string;
  derive(file: File, owner: Owner): T;
}

export interface ProjectFact<Owner, T> {
  readonly kind: 'project';
  readonly name: string;
  derive(owner: Owner): T;
}

export class FactStore<Owner, File extends object> {
  private readonly perFile = new Map<FileFact<File, Owner, unknown>, WeakMap<File, unknown>>();
  private readonly perRun = new Map<ProjectFact<Owner, unknown>, unknown>();
  /** How many times each fact was derived (not read): for `--timings` and tests. */
  readonly derivations = new Map<string, number>();

  constructor(private readonly owner: () => Owner) {}

  /** The fact of `file`, derived on first use. */
  of<T>(fact: FileFact<File, Owner, T>, file: File): T {
    let byFile = this.perFile.get(fact);
    if (!byFile) this.perFile.set(fact, (byFile = new WeakMap()));
    if (byFile.has(file)) return byFile.get(file) as T;
    // A file from the facts index (engine/file-index.ts) carries the facts it was indexed with.
    const preset = (file as { preset?: (name: string) => unknown }).preset?.(fact.name);
    if (preset !== undefined) {
      byFile.set(file, preset);
      return preset as T;
    }
    const value = fact.derive(file, this.owner());
    byFile.set(file, value);
    this.count(fact.name);
    return value;
  }

  /** The fact of the whole run, derived on first use. */
  get<T>(fact: ProjectFact<Owner, T>): T {
    if (this.perRun.has(fact)) return this.perRun.get(fact) as T;
    const value = fact.derive(this.owner());
    this.perRun.set(fact, value);
    this.count(fact.name);
    return value;
  }

  private count(name: string): void {
    this.derivations.set(name, (this.derivations.get(name) ?? 0) + 1);
  }
}
