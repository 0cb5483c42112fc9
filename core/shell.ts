/**
 * Shell code in the handbook, defined once for the validator (scripts/validate/commands) and the
 * site (the placeholders form, the code blocks that fill them). Client-safe, no dependencies.
 */

/** Fence languages whose blocks are shell: checked as commands, and filled from the placeholders form. */
export const SHELL_LANGUAGES: ReadonlySet<string> = new Set(['bash', 'sh', 'shell', 'zsh', 'console']);

export function isShellLanguage(language: string | null | undefined): boolean {
  return !!language && SHELL_LANGUAGES.has(language.toLowerCase());
}

/**
 * The placeholder grammar. `<name>` is a value the reader supplies: `<` + a letter + letters,
 * digits or `_ . : / | -` (up to four such words separated by single spaces: `<values file>`) + `>`, not preceded by `<` or a word character, so that it is not a
 * heredoc (`<<EOF`), a redirection (`< file`, `</dev/null`, `2>&1`) or a process substitution
 * (`<(cmd)`). A name that is also closed in the same block (`<title>…</title>`) is HTML, not a
 * placeholder. `{{name}}` and `...` / `…` are placeholders the validator accepts anywhere, but the
 * form does not fill.
 */
export const ANGLE_PLACEHOLDER = /(?<![<\w])<([A-Za-z][A-Za-z0-9_.:/|-]*(?: [A-Za-z0-9][A-Za-z0-9_.:/|-]*){0,3})>/g;
export const MUSTACHE_PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;
export const ELLIPSIS_PLACEHOLDER = /(?<![.\w])\.\.\.(?![.\w/])|…/g;
const CLOSING_TAG = /<\/([A-Za-z][A-Za-z0-9-]*)>/g;

/** Names closed as HTML tags in `code` (`</title>` → `title`): such `<title>` are not placeholders. */
export function htmlTagNames(code: string): Set<string> {
  return new Set([...code.matchAll(CLOSING_TAG)].map((m) => m[1]!));
}

export interface AnglePlaceholder {
  name: string;
  /** As written: `<pod-name>`. */
  token: string;
  start: number;
  end: number;
}

/** Every `<name>` placeholder of `code`, in order (repeats included), HTML tags left out. */
export function anglePlaceholders(code: string): AnglePlaceholder[] {
  const html = htmlTagNames(code);
  const out: AnglePlaceholder[] = [];
  for (const m of code.matchAll(ANGLE_PLACEHOLDER)) {
    if (!html.has(m[1]!)) out.push({ name: m[1]!, token: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}
