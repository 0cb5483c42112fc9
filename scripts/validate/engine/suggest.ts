import { distance } from 'fastest-levenshtein';

/**
 * Edit distance where swapping two neighbouring letters is one edit (optimal string alignment), so
 * `lsit` is one edit from `list` rather than two, and no farther than `edit`. Typing swaps letters
 * more often than it substitutes two; plain Levenshtein ranks such a typo's real target too low.
 */
export function typoDistance(a: string, b: string): number {
  const lev = distance(a, b);
  if (lev < 2) return lev;
  const n = b.length;
  let before = new Array<number>(n + 1).fill(0);
  let previous = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(n + 1);
    current[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current[j] = d;
    }
    [before, previous] = [previous, current];
  }
  return previous[n]!;
}

/**
 * The closest candidate to `input`, if it is close enough to be a plausible typo.
 * Case-insensitive; allows about one edit per four characters (a swap of two letters is one edit).
 */
export function closest(input: string, candidateList: Iterable<string>): string | undefined {
  const candidates = [...candidateList];
  const needle = input.toLowerCase();
  // An abbreviation (`prod` for `production`) is a stronger hint than a small edit distance.
  if (needle.length >= 3) {
    const prefixed = candidates.filter((c) => c.toLowerCase().startsWith(needle) && c !== input);
    if (prefixed.length === 1) return prefixed[0];
    const segment = candidates.filter((c) => c.toLowerCase().split(/[-_./]/).includes(needle) && c !== input);
    if (segment.length === 1) return segment[0];
  }
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = typoDistance(needle, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(needle.length / 4));
  return best !== undefined && best !== input && bestDistance <= limit ? best : undefined;
}

/** ` Did you mean `x`?` or the empty string. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const suggestion = closest(input, candidates);
  return suggestion === undefined ? '' : ` Did you mean \`${suggestion}\`?`;
}

/** Appends a hint sentence to a message, with the full stop the message may lack. */
export function withHint(message: string, hint: string): string {
  if (!hint) return message;
  return `${/[.!?]$/.test(message) ? message : `${message}.`}${hint.startsWith(' ') ? hint : ` ${hint}`}`;
}

const words = (text: string) => new Set(text.toLowerCase().replace(/\.mdx?$/, '').split(/[^a-z0-9]+/).filter((w) => w !== ''));

/**
 * For renamed headings and moved files, where the edit distance is large but words survive:
 * the one candidate sharing the most words with `input` (`switch-traffic` → `switch-the-services`,
 * `rb-003-crashloopbackoff.md` → `rb-003-pods-crashlooping.md`). Undefined on a tie or no overlap.
 */
export function closestBySharedWords(input: string, candidateList: Iterable<string>): string | undefined {
  const wanted = words(input);
  let best: string | undefined;
  let bestShared = 0;
  let tie = false;
  for (const candidate of candidateList) {
    if (candidate === input) continue;
    let shared = 0;
    for (const word of words(candidate)) if (wanted.has(word)) shared += 1;
    if (shared > bestShared) [best, bestShared, tie] = [candidate, shared, false];
    else if (shared === bestShared && shared > 0) tie = true;
  }
  return bestShared > 0 && !tie ? best : undefined;
}
