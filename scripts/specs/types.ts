/**
 * The generated spec files (scripts/validate/commands/specs/<tool>.json): a command tree in the
 * shape of a Fig completion spec (so one interpreter walks both), where every node says whether its
 * lists of subcommands and flags are complete, plus where the data came from.
 */
import type { SourceInfo } from './source.ts';

export interface GenOption {
  name: string[];
  /** Present when the flag takes a value; `isOptional` when the value is optional (`--decorate[=short]`). */
  args?: { name: string; isOptional?: boolean };
  isPersistent?: boolean;
}

export interface GenNode {
  name: string[];
  options: GenOption[];
  subcommands?: GenNode[];
  /** The node takes positional arguments (so an unknown word is an argument, not a typo of a subcommand). */
  args?: { name: string; isVariadic?: boolean; isOptional?: boolean };
  /** true: its subcommand and flag lists are the tool's documented lists; false: they may have gaps. */
  complete: boolean;
  /** Why the node is not complete, for the warning. */
  gap?: string;
  /**
   * Set when the node's subcommands are open-ended though its flags are complete (gh runs extensions
   * and user aliases as subcommands): an unknown subcommand there is a warning naming this.
   */
  subcommandsGap?: string;
  parserDirectives?: { flagsArePosixNoncompliant?: boolean; optionsMustPrecedeArguments?: boolean; goFlags?: boolean; allowAbbreviations?: boolean; allowDoubleDash?: boolean };
  /** Loaded on use from a compact part file (`aws:ec2`: specs/aws.services.json, key `ec2`). */
  loadSpec?: string;
}

export interface GeneratedSpec {
  tool: string;
  /** The tool version the source documents. */
  version: string;
  source: SourceInfo & { paths: string[]; note?: string; tree?: string };
  /** Further sources (Helm's aliases come from its Go source). */
  alsoFrom?: Array<SourceInfo & { paths: string[] }>;
  generator: string;
  spec: GenNode;
}

/** Adds options to a list, merging names that are already there. */
export function addOption(list: GenOption[], option: GenOption): void {
  // The same option when a long name matches (or, without long names, a short one): `-f` may be
  // `--filename` in one place and `--follow` in another, which stay two options.
  const longs = option.name.filter((n) => n.startsWith('--'));
  const existing = list.find((o) =>
    longs.length ? o.name.some((n) => longs.includes(n)) : !o.name.some((n) => n.startsWith('--')) && o.name.some((n) => option.name.includes(n)),
  );
  if (!existing) {
    list.push({ ...option, name: [...new Set(option.name)] });
    return;
  }
  for (const n of option.name) if (!existing.name.includes(n)) existing.name.push(n);
  // A value wins over no value; a required value over an optional one.
  if (option.args && (!existing.args || (existing.args.isOptional && !option.args.isOptional))) existing.args = option.args;
}

export const sortOptions = (list: GenOption[]): GenOption[] =>
  list.map((o) => ({ ...o, name: [...o.name].sort((a, b) => a.length - b.length || a.localeCompare(b)) })).sort((a, b) => a.name.at(-1)!.localeCompare(b.name.at(-1)!));
