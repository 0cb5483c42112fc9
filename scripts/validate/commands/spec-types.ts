/** The shape of a command spec (the @withfig/autocomplete format), shared by specs.ts and overrides.ts. */
export interface FigArg {
  name?: string;
  isOptional?: boolean;
  isVariadic?: boolean;
  isCommand?: boolean;
  suggestions?: unknown;
}
export interface FigOption {
  name: string | string[];
  args?: FigArg | FigArg[];
  isPersistent?: boolean;
  requiresSeparator?: boolean | string;
  description?: string;
}
export interface FigSpec {
  name: string | string[];
  subcommands?: FigSpec[];
  options?: FigOption[];
  args?: FigArg | FigArg[];
  loadSpec?: unknown;
  /**
   * `goFlags` (local): flags follow Go's flag package (terraform): long flags take one dash and two
   * are the same (`--chdir` is `-chdir`), no combined short flags, `-flag=value` or `-flag value`.
   */
  parserDirectives?: { flagsArePosixNoncompliant?: boolean; optionsMustPrecedeArguments?: boolean; goFlags?: boolean; allowAbbreviations?: boolean; allowDoubleDash?: boolean };
  requiresSubcommand?: boolean;
  /** Local: flags of this subcommand are not checked (the spec is known to be incomplete here). */
  looseOptions?: boolean;
  /**
   * Generated specs (specs/<tool>.json): true when the node's subcommand and flag lists are the
   * tool's documented lists. Anything else (Fig specs, local specs) may have gaps: what is not in
   * the lists is then a warning, not an error.
   */
  complete?: boolean;
  /** Why the node may be incomplete (named in the warning). */
  gap?: string;
  /** Generated specs: the subcommand list is open-ended (gh's extensions and aliases) though the flags are complete; an unknown subcommand is a warning naming this. */
  subcommandsGap?: string;
}
