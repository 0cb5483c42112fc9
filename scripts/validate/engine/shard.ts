/**
 * `--shard k/n`: which files of a run one of n parallel jobs reports. Files are assigned by a hash
 * of their path, so a file stays in its shard however the tree grows, and every shard still reads
 * the whole tree (cross-file facts: links, ids, alerts cover everything). Merge the shards' JSON or
 * SARIF reports with `npm run validate:merge`.
 */
export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** `2/4` → { index: 2, count: 4 }; undefined when malformed. */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : undefined;
}

/** FNV-1a over the path's UTF-16 code units: stable across machines and Node versions. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export const shardOf = (path: string, count: number): number => (fnv1a(path) % count) + 1;

export function inShard(path: string, shard: Shard): boolean {
  return shardOf(path, shard.count) === shard.index;
}
