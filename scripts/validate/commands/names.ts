/**
 * Matching names as commands write them (`worker-<live-colour>`, `platform-<colour>-flags`,
 * `$DEPLOYMENT`) against the names of the platform model, and the environment a command targets.
 */
import type { CommandFacts } from './catalog-facts.ts';
import { closed } from './model.ts';
import type { Word } from './parse.ts';
import { optionValue, type Interpretation } from './specs.ts';

const OPEN = /<[^<>\s]+>|\$\{[^}]*\}|\$[A-Za-z_]\w*/g;

/** A regular expression for the names a written name can stand for (placeholders match any part). */
export function namePattern(raw: string): RegExp {
  const parts = raw.split(OPEN).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[A-Za-z0-9._-]+')}$`);
}

/** The word as written in `text` (placeholders as `<name>`, not as the parser rewrote them), without its quotes. */
export const written = (w: Word, text: string): string => text.slice(w.start, w.end).replace(/^(['"])(.*)\1$/s, '$2');

/** Whether the name is only a placeholder (`<deployment>`), which may be any name. */
export const isOnlyPlaceholder = (raw: string): boolean => raw.replace(OPEN, '') === '';

/** The environment of the command's `-n`, or null when it has none, or undefined when open (any environment). */
export function environmentOf(interp: Interpretation, facts: CommandFacts): string | null | undefined {
  const option = optionValue(interp, '-n', '--namespace');
  if (!option) return null;
  const ns = closed(option.value as Word | undefined);
  if (ns === undefined) return undefined;
  return facts.namespaces.get(ns) ?? null;
}

/** `deployment/x`, `deploy x y`: the resource words of a kubectl command for `kinds`, with the name part's offset. */
export function resourceNames(interp: Interpretation, kinds: RegExp, text: string): Array<{ word: Word; name: string; offset: number }> {
  const out: Array<{ word: Word; name: string; offset: number }> = [];
  const [first, ...rest] = interp.positionals;
  if (!first) return out;
  const firstText = written(first, text);
  const slash = /^([a-z.]+)\/(.+)$/.exec(firstText);
  if (slash) {
    for (const w of interp.positionals) {
      const m = /^([a-z.]+)\/(.+)$/.exec(written(w, text));
      if (m && kinds.test(m[1]!)) out.push({ word: w, name: m[2]!, offset: text.slice(w.start, w.end).indexOf(m[2]!) });
    }
    return out;
  }
  if (!kinds.test(firstText)) return out;
  for (const w of rest) out.push({ word: w, name: written(w, text), offset: /^['"]/.test(text.slice(w.start, w.end)) ? 1 : 0 });
  return out;
}
