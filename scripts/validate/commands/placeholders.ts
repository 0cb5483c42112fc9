/**
 * Runbook placeholders are first-class: `<pod-name>`, `{{name}}` and `...` are rewritten to
 * same-length shell-safe words before parsing (so `<pod-name>` is not a redirection and every
 * offset stays exact), and recorded so checks accept any value there. `$VAR` / `${VAR}` are real
 * shell expansions: the parser finds them (respecting quotes), see parse.ts.
 */

import { ELLIPSIS_PLACEHOLDER, MUSTACHE_PLACEHOLDER, anglePlaceholders } from '../../../core/shell.ts';

export type PlaceholderKind = 'angle' | 'mustache' | 'ellipsis';

export interface Placeholder {
  kind: PlaceholderKind;
  /** The name inside the delimiters (`pod-name`), or `...`. */
  name: string;
  /** The text as written (`<pod-name>`). */
  token: string;
  start: number;
  end: number;
}

// The grammar (`<pod-name>`, `<values file>`, `{{name}}`, `...`) is core/shell.ts, shared with the site's form.

const safe = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, '_');

export function rewritePlaceholders(text: string): { text: string; placeholders: Placeholder[] } {
  const placeholders: Placeholder[] = [];
  let out = text;
  const replace = (start: number, replacement: string) => {
    out = out.slice(0, start) + replacement + out.slice(start + replacement.length);
  };
  for (const p of anglePlaceholders(text)) {
    placeholders.push({ kind: 'angle', ...p });
    replace(p.start, `_${safe(p.name)}_`);
  }
  for (const m of text.matchAll(MUSTACHE_PLACEHOLDER)) {
    placeholders.push({ kind: 'mustache', name: m[1]!, token: m[0], start: m.index, end: m.index + m[0].length });
    replace(m.index, safe(m[0]).replace(/[{}]/g, '_'));
  }
  for (const m of text.matchAll(ELLIPSIS_PLACEHOLDER)) {
    placeholders.push({ kind: 'ellipsis', name: '...', token: m[0], start: m.index, end: m.index + m[0].length });
    if (m[0] === '…') replace(m.index, '_');
  }
  placeholders.sort((a, b) => a.start - b.start);
  return { text: out, placeholders };
}

/** Does the range [start, end) overlap a placeholder? */
export function overlapsPlaceholder(placeholders: readonly Placeholder[], start: number, end: number): boolean {
  return placeholders.some((p) => p.start < end && start < p.end);
}
