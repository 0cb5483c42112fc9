/**
 * Reading a query before it reaches the index (browser and build alike, no dependencies): which
 * runbook id it names, what it asks for (intent), which words must match (groups, each widened by
 * its synonyms from docs/search-synonyms.yml) and which phrase should match whole.
 */

export interface Intent {
  starts?: string[];
  triggers?: string[];
  types?: string[];
  pages?: string[];
}

/** The validated content of docs/search-synonyms.yml (see src/search/synonyms.ts). */
export interface Vocabulary {
  synonyms: string[][];
  intents: Record<string, Intent>;
}

export const NO_VOCABULARY: Vocabulary = { synonyms: [], intents: {} };

export interface Alternative {
  /** A word or phrase; a phrase matches when all its words do. */
  text: string;
  /** 1 for what was typed, less for a synonym. */
  weight: number;
}

export interface Analysis {
  /** Every group must match for a full match; a page matching fewer groups ranks lower. */
  groups: Alternative[][];
  /** Names of the intents recognised (`task`, `rollback`, `people`, `checklist`, `error`). */
  intents: string[];
  /** `RB-007` for `rb 7`, `runbook 007`, `/rb/007`. */
  runbookId?: string;
  /** Lower-case words of a quoted or long query, to match a symptom or alert whole. */
  phrase?: string;
}

/** Words that carry no subject. Dropped from a query unless it has nothing else. */
export const STOP_WORDS = new Set(
  'a an the i we you me my our it its this that these those is are was were be been do does did done to of for on in at by with from and or not no but if then so can could should would will how what which when where why who whom there here some any all just get got has have had am up out about into after'.split(
    ' ',
  ),
);

/** SEPARATORS of tokenize.ts plus the sentence punctuation around words. */
const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[\s,;()[\]{}<>"'`|=!?*+&^~\\]+/u)
    .map((w) => w.replace(/^[-.:/_#@$%]+|[-.:/_#@$%]+$/gu, ''))
    .filter((w) => w !== '');

/** Lower-case words of `text`, joined by single spaces, for phrase comparison. */
export const normalise = (text: string) => words(text).join(' ');

const contains = (haystack: string[], needle: string[], at?: number) => {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  const starts = at === undefined ? haystack.map((_, i) => i) : [at];
  return starts.some((i) => needle.every((w, j) => haystack[i + j] === w));
};

/** An error message, a log line or an alert name: punctuation, ALL-CAPS codes, CamelCase. */
function looksLikeError(raw: string): boolean {
  return /[:"]|\b[A-Z]{4,}\b|\b[A-Z][a-z]+[A-Z]\w*|\b[45]\d\d\b|\bE[A-Z]{3,}/.test(raw);
}

export function analyse(raw: string, vocabulary: Vocabulary = NO_VOCABULARY): Analysis {
  const all = words(raw);
  const intents: string[] = [];
  const questionWords = new Set<number>();
  for (const [name, intent] of Object.entries(vocabulary.intents)) {
    let hit = false;
    for (const start of intent.starts ?? []) {
      const phrase = start.split(' ');
      if (contains(all, phrase, 0)) {
        hit = true;
        phrase.forEach((_, i) => questionWords.add(i));
      }
    }
    if (!hit) hit = (intent.triggers ?? []).some((t) => contains(all, t.split(' ')));
    if (hit) intents.push(name);
  }
  if (looksLikeError(raw)) intents.push('error');

  const id = /(?:^|[^a-z0-9])(?:rb|runbook)[\s#/_-]*0*(\d{1,3})(?![\d])/i.exec(raw);
  const runbookId = id ? `RB-${id[1]!.padStart(3, '0')}` : undefined;

  const quoted = /"([^"]{3,})"/.exec(raw)?.[1];
  const phrase = quoted ? normalise(quoted) : all.length >= 4 ? all.join(' ') : undefined;

  // Question words (`how do i`) and stop words go, unless nothing else is left. Synonym phrases
  // are looked up first, so that `log in` or `back up` survive as phrases.
  const rest = all.filter((_, i) => !questionWords.has(i));
  const keep = rest.length > 0 ? rest : all;
  const onlyStopWords = keep.every((w) => STOP_WORDS.has(w));
  const groups: Alternative[][] = [];
  for (let i = 0; i < keep.length; ) {
    let size = Math.min(3, keep.length - i);
    let group: string[] | undefined;
    for (; size >= 1; size--) {
      const candidate = keep.slice(i, i + size).join(' ');
      group = vocabulary.synonyms.find((g) => g.includes(candidate));
      if (group) {
        groups.push([{ text: candidate, weight: 1 }, ...group.filter((e) => e !== candidate).map((text) => ({ text, weight: SYNONYM_WEIGHT }))]);
        break;
      }
    }
    if (group) {
      i += size;
      continue;
    }
    if (onlyStopWords || !STOP_WORDS.has(keep[i]!)) groups.push([{ text: keep[i]!, weight: 1 }]);
    i++;
  }
  return { groups, intents, ...(runbookId ? { runbookId } : {}), ...(phrase ? { phrase } : {}) };
}

/** How much a synonym counts against the word typed. */
export const SYNONYM_WEIGHT = 0.5;
