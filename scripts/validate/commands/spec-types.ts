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
  parserDirectives?: { flagsArePosixNoncompliant?: boolean; optionsMustPrecedeArguments?: boolean };
  requiresSubcommand?: boolean;
  /** Local: flags of this subcommand are not checked (the spec is known to be incomplete here). */
  looseOptions?: boolean;
}
