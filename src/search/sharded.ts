/**
 * The sharded index design (compared in `npm run bench:search-scale`): the same ranking as
 * engine.ts over an index split so that a query downloads only what it needs.
 *
 * - `meta.json`: document count, shard count, the vocabulary, each document's type (one index per
 *   document), runbook ids and intent pages → document numbers.
 * - `shards/<n>.json`: the terms whose first three characters hash to shard n, each with its
 *   postings: document number (delta-coded) and one precomputed impact per document (the
 *   field-weighted BM25 of the term in that document, ×10, rounded). A query term of three
 *   characters or more needs one shard (its prefix matches stay in it); so does a shorter one.
 * - `store/<n>.json`: stored fields of documents n×STORE_CHUNK…, fetched for the top results only.
 *
 * Differences from engine.ts: a typo is tolerated only after the first three characters (the
 * shard is chosen by them), and BM25 is summed over fields at build time rather than per field at
 * query time.
 */
import { BOOST, INDEXED, STORED, type SearchDocument } from './fields.ts';
import { ERROR_TYPES, INTENT_BOOST, PHRASE_BOOST, TIE_BREAK, TYPE_ORDER, hitOf, pageOf, phraseMatch, type Hit } from './rank.ts';
import { analyse, type Vocabulary } from './query.ts';
import { tokenize } from './tokenize.ts';

export const STORE_CHUNK = 32;

/** Shards: about one per 40 documents, between 32 and 1,024. */
export const shardCount = (documents: number) => Math.min(1024, Math.max(32, 2 ** Math.round(Math.log2(documents / 40))));

export interface ShardMeta {
  documents: number;
  shards: number;
  vocabulary: Vocabulary;
  typeNames: string[];
  /** Type of each document, as an index into typeNames. */
  types: number[];
  runbookIds: Record<string, number>;
  pages: Record<string, number>;
}

export type Shard = Record<string, number[]>;

/** FNV-1a of the term's first three characters. */
export function shardOf(term: string, shards: number): number {
  const key = term.slice(0, 3);
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return hash % shards;
}

/** Build time: the files of the sharded index, by path. */
export function buildShards(documents: SearchDocument[], vocabulary: Vocabulary, shards: number): Map<string, unknown> {
  const files = new Map<string, unknown>();
  const k = 1.2;
  const b = 0.7;
  const d = 0.5;
  // Per field: token counts per document, field lengths, document frequency of each term.
  const perField = INDEXED.map((field) => {
    const tf: Array<Map<string, number>> = [];
    const lengths: number[] = [];
    const df = new Map<string, number>();
    for (const doc of documents) {
      const tokens = doc[field] ? tokenize(doc[field]) : [];
      const counts = new Map<string, number>();
      for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const t of counts.keys()) df.set(t, (df.get(t) ?? 0) + 1);
      tf.push(counts);
      lengths.push(tokens.length);
    }
    const present = lengths.filter((l) => l > 0);
    const average = present.reduce((a, l) => a + l, 0) / Math.max(1, present.length);
    return { field, tf, lengths, df, average };
  });
  const postings = new Map<string, Map<number, number>>();
  for (const { field, tf, lengths, df, average } of perField) {
    tf.forEach((counts, doc) => {
      for (const [term, f] of counts) {
        const n = df.get(term)!;
        const idf = Math.log(1 + (documents.length - n + 0.5) / (n + 0.5));
        const score = BOOST[field] * idf * (d + (f * (k + 1)) / (f + k * (1 - b + (b * lengths[doc]!) / average)));
        let list = postings.get(term);
        if (!list) postings.set(term, (list = new Map()));
        list.set(doc, (list.get(doc) ?? 0) + score);
      }
    });
  }
  const byShard: Shard[] = Array.from({ length: shards }, () => ({}));
  for (const [term, list] of postings) {
    const encoded: number[] = [];
    let previous = 0;
    for (const [doc, score] of [...list.entries()].sort((x, y) => x[0] - y[0])) {
      encoded.push(doc - previous, Math.max(1, Math.round(score * 10)));
      previous = doc;
    }
    byShard[shardOf(term, shards)]![term] = encoded;
  }
  byShard.forEach((shard, i) => files.set(`shards/${i}.json`, shard));
  const typeNames = [...new Set(documents.map((doc) => doc.type ?? ''))];
  const intentPages = new Set(Object.values(vocabulary.intents).flatMap((intent) => intent.pages ?? []));
  const meta: ShardMeta = {
    documents: documents.length,
    shards,
    vocabulary,
    typeNames,
    types: documents.map((doc) => typeNames.indexOf(doc.type ?? '')),
    runbookIds: Object.fromEntries(documents.flatMap((doc, i) => (doc.runbook_id ? [[doc.runbook_id, i]] : []))),
    pages: Object.fromEntries(documents.flatMap((doc, i) => (intentPages.has(pageOf(doc.id)) ? [[pageOf(doc.id), i]] : []))),
  };
  files.set('meta.json', meta);
  for (let start = 0; start < documents.length; start += STORE_CHUNK) {
    files.set(
      `store/${start / STORE_CHUNK}.json`,
      documents.slice(start, start + STORE_CHUNK).map((doc) => Object.fromEntries([['id', doc.id], ...STORED.flatMap((f) => (doc[f] ? [[f, doc[f]]] : []))])),
    );
  }
  return files;
}

const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;

/** Levenshtein distance, giving up (returning max + 1) once it exceeds `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]!);
    }
    if (best > max) return max + 1;
    previous = row;
  }
  return previous[b.length]!;
}

/** The browser side: loads meta on first use, shards and store chunks as queries need them. */
export class ShardedIndex {
  private meta?: Promise<ShardMeta>;
  private readonly shards = new Map<number, Promise<Shard>>();
  private readonly store = new Map<number, Promise<Array<Record<string, unknown>>>>();

  constructor(private readonly fetchJson: (path: string) => Promise<unknown>) {}

  private loadMeta(): Promise<ShardMeta> {
    return (this.meta ??= this.fetchJson('meta.json') as Promise<ShardMeta>);
  }

  private shard(n: number): Promise<Shard> {
    let loading = this.shards.get(n);
    if (!loading) this.shards.set(n, (loading = this.fetchJson(`shards/${n}.json`) as Promise<Shard>));
    return loading;
  }

  private stored(doc: number): Promise<Record<string, unknown>> {
    const chunk = Math.floor(doc / STORE_CHUNK);
    let loading = this.store.get(chunk);
    if (!loading) this.store.set(chunk, (loading = this.fetchJson(`store/${chunk}.json`) as Promise<Array<Record<string, unknown>>>));
    return loading.then((docs) => docs[doc % STORE_CHUNK]!);
  }

  async search(query: string, limit = 10): Promise<Hit[]> {
    if (query.trim() === '') return [];
    const meta = await this.loadMeta();
    const analysis = analyse(query, meta.vocabulary);
    const tokens = new Set(analysis.groups.flat().flatMap((a) => tokenize(a.text)));
    const loaded = new Map<number, Shard>();
    await Promise.all([...new Set([...tokens].map((t) => shardOf(t, meta.shards)))].map(async (n) => loaded.set(n, await this.shard(n))));

    // Scores are dense arrays over document numbers, with the list of documents set: at 10,000
    // documents a common term has 10,000 postings, and Maps cost several times more than arrays.
    const n = meta.documents;
    type Scores = { score: Float32Array; docs: number[] };
    /** Impact of one query token per document: exact term, plus prefix and typo matches. Memoised per query (alternatives share tokens). */
    const memo = new Map<string, Scores>();
    const tokenScores = (token: string): Scores => {
      const known = memo.get(token);
      if (known) return known;
      const shard = loaded.get(shardOf(token, meta.shards))!;
      const result: Scores = { score: new Float32Array(n), docs: [] };
      const add = (list: number[], weight: number) => {
        let doc = 0;
        for (let i = 0; i < list.length; i += 2) {
          doc += list[i]!;
          const value = (list[i + 1]! / 10) * weight;
          const old = result.score[doc]!;
          if (old === 0) result.docs.push(doc);
          if (old < value) result.score[doc] = value;
        }
      };
      if (shard[token]) add(shard[token], 1);
      // Typos as in fields.ts: words of six letters or more, without digits, 20% of their length.
      const maxTypos = token.length >= 6 && !/\d/.test(token) ? Math.round(token.length * 0.2) : 0;
      if (token.length >= 3) {
        for (const term in shard) {
          if (term === token) continue;
          if (term.startsWith(token)) add(shard[term]!, (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * (term.length - token.length)));
          else if (maxTypos > 0) {
            const d = distance(token, term, maxTypos);
            if (d <= maxTypos) add(shard[term]!, (FUZZY_WEIGHT * token.length) / (token.length + d));
          }
        }
      }
      memo.set(token, result);
      return result;
    };

    const totalScore = new Float32Array(n);
    const totalGroups = new Uint8Array(n);
    const touched: number[] = [];
    for (const group of analysis.groups) {
      const best = new Float32Array(n);
      const bestDocs: number[] = [];
      for (const alternative of group) {
        const perToken = tokenize(alternative.text).map(tokenScores);
        if (perToken.length === 0) continue;
        const [first, ...rest] = perToken.sort((x, y) => x.docs.length - y.docs.length);
        for (const doc of first!.docs) {
          let sum = first!.score[doc]!;
          let all = true;
          for (const other of rest) {
            const s = other.score[doc]!;
            if (s === 0) {
              all = false;
              break;
            }
            sum += s;
          }
          if (!all) continue;
          const value = sum * alternative.weight;
          if (best[doc] === 0) bestDocs.push(doc);
          if (best[doc]! < value) best[doc] = value;
        }
      }
      for (const doc of bestDocs) {
        if (totalGroups[doc] === 0) touched.push(doc);
        totalScore[doc] += best[doc]!;
        totalGroups[doc]++;
      }
    }
    const forced = analysis.runbookId !== undefined ? meta.runbookIds[analysis.runbookId] : undefined;
    if (forced !== undefined && totalGroups[forced] === 0 && totalScore[forced] === 0) touched.push(forced);

    const preferred = analysis.intents.flatMap((name) => (name === 'error' ? [{ types: ERROR_TYPES }] : meta.vocabulary.intents[name] ? [meta.vocabulary.intents[name]] : []));
    const preferredPages = new Set(preferred.flatMap((intent) => (intent.pages ?? []).map((p) => meta.pages[p]).filter((n) => n !== undefined)));
    // Per type (not per document): the intent's preference and the tie-breaker.
    const typeFactor = meta.typeNames.map(
      (type) => (preferred.some((intent) => intent.types?.includes(type)) ? INTENT_BOOST : 1) * (1 + (TIE_BREAK * Math.max(0, TYPE_ORDER.indexOf(type))) / (TYPE_ORDER.length - 1)),
    );
    const tieBreak = meta.typeNames.map((type) => 1 + (TIE_BREAK * Math.max(0, TYPE_ORDER.indexOf(type))) / (TYPE_ORDER.length - 1));
    const groupsTotal = Math.max(1, analysis.groups.length);
    const rankOf = (doc: number, relevance: number) => {
      if (doc === forced) return Number.MAX_SAFE_INTEGER;
      const type = meta.types[doc]!;
      // A preferred page of a type the intent does not prefer: the boost without the type's.
      return preferredPages.has(doc) && typeFactor[type]! === tieBreak[type]! ? relevance * INTENT_BOOST * tieBreak[type]! : relevance * typeFactor[type]!;
    };
    const candidates = touched
      .map((doc) => {
        const groups = totalGroups[doc]!;
        const relevance = totalScore[doc]! * (groups / groupsTotal) ** 3;
        return { doc, relevance, complete: groups === groupsTotal, rank: rankOf(doc, relevance) };
      })
      .sort((x, y) => y.rank - x.rank)
      // The phrase boost needs stored symptoms: it reorders the leading candidates only.
      .slice(0, Math.max(limit * 2, 20));
    const stored = await Promise.all(candidates.map((c) => this.stored(c.doc)));
    const ranked = candidates
      .map((c, i) => ({ ...c, stored: stored[i]!, rank: phraseMatch(stored[i]!, analysis.phrase) ? rankOf(c.doc, c.relevance * PHRASE_BOOST) : c.rank }))
      .sort((x, y) => y.rank - x.rank);
    const partial = ranked.length > 0 && !ranked[0]!.complete;
    return ranked.slice(0, limit).map(({ stored: r, rank }) => hitOf(r, String(r['id']), rank, analysis, partial));
  }
}
