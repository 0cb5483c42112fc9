/**
 * Filling placeholders in shell commands (`<namespace>`, `<pod-name>`), shared by the build (the
 * remark plugin that adds the form) and the browser (the code blocks that show the filled command).
 * What is a placeholder, and which blocks are shell, is defined once in core/shell.ts, which the
 * validator uses too.
 */
import { ANGLE_PLACEHOLDER, anglePlaceholders, htmlTagNames } from '../../core/shell.ts';

export { isShellLanguage } from '../../core/shell.ts';

/**
 * Private-use characters around placeholders in the code string given to the highlighter, so that the
 * line renderer can mark them (and strip the markers). Never in Markdown, never copied.
 */
export const MARK = { filledOpen: '\uE000', filledClose: '\uE001', emptyOpen: '\uE002', emptyClose: '\uE003' } as const;
const MARKERS = /[\uE000-\uE003]/g;

/** `language-bash` in a code block's class name → `bash`. */
export function languageFromClassName(className: string | undefined): string | undefined {
  return className ? /(?:^|\s)language-(\S+)/.exec(className)?.[1] : undefined;
}

/** Distinct placeholder names in a command, in order of first use. */
export function placeholderNames(code: string): string[] {
  const names: string[] = [];
  for (const { name } of anglePlaceholders(code)) if (!names.includes(name)) names.push(name);
  return names;
}

/** What a user may type as a value: one line, no marker characters. */
export function cleanValue(value: string): string {
  return value.replace(MARKERS, '').replace(/[\r\n]+/g, ' ');
}

/**
 * The command with each placeholder that has a value replaced by it (between filled markers), and each
 * other one kept as written (between empty markers).
 */
export function markPlaceholders(code: string, values: Readonly<Record<string, string>>): string {
  const html = htmlTagNames(code);
  return code.replace(ANGLE_PLACEHOLDER, (token: string, name: string) => {
    if (html.has(name)) return token;
    const value = values[name] ? cleanValue(values[name]) : '';
    return value ? MARK.filledOpen + value + MARK.filledClose : MARK.emptyOpen + token + MARK.emptyClose;
  });
}

export function stripMarkers(text: string): string {
  return text.replace(MARKERS, '');
}

/** The command as it is copied: placeholders with a value replaced, the others as written. */
export function fillPlaceholders(code: string, values: Readonly<Record<string, string>>): string {
  return stripMarkers(markPlaceholders(stripMarkers(code), values));
}

export type MarkedPiece = { text: string; mark: 'filled' | 'empty' | null };

/**
 * Splits highlighted text at the markers. `state` carries an open marker over to the next token of
 * the same line (a filled value may span several tokens).
 */
export function splitMarked(text: string, state: { mark: MarkedPiece['mark'] }): MarkedPiece[] {
  const pieces: MarkedPiece[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== MARK.filledOpen && c !== MARK.filledClose && c !== MARK.emptyOpen && c !== MARK.emptyClose) continue;
    if (i > start) pieces.push({ text: text.slice(start, i), mark: state.mark });
    state.mark = c === MARK.filledOpen ? 'filled' : c === MARK.emptyOpen ? 'empty' : null;
    start = i + 1;
  }
  if (start < text.length) pieces.push({ text: text.slice(start), mark: state.mark });
  return pieces;
}
