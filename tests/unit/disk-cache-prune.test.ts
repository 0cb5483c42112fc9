/**
 * A run over the whole tree prunes the parse cache (scripts/validate/engine/disk-cache.ts), but
 * keeps what belongs to docs still in the tree though the run did not read it: their facts came
 * from the index. Else the next fresh checkout re-parses them, and the next edit of a doc loads
 * Docusaurus' slug code again.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiskCache, ofLiveDocs } from '../../scripts/validate/engine/disk-cache.ts';

const hash = (text: string) => createHash('sha256').update(text).digest('hex');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('pruning the parse cache', () => {
  it('drops the entries of content gone from the tree, and keeps the trees and slugs of docs still in it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'disk-cache-'));
    dirs.push(dir);
    // A run that parsed 2,000 docs: about 8 trees and 8 slugs in each bucket.
    const first = new DiskCache(dir);
    const docs = Array.from({ length: 2000 }, (_, i) => ({ hash: hash(`doc ${i}`), slug: `["page-${i}",null,"@site/docs/page-${i}.md","."]` }));
    for (const [i, doc] of docs.entries()) {
      first.set('tree', doc.hash, { type: 'root', i });
      first.set('slug', doc.slug, { slug: `/page-${i}` });
    }
    first.save();
    // The next run over the whole tree: every doc from the index but the 300 it parsed anew
    // (new content, so new trees in every bucket); the first 1,000 docs are still in the tree.
    const second = new DiskCache(dir);
    const edited = Array.from({ length: 300 }, (_, i) => hash(`doc ${i}, edited`));
    for (const h of edited) second.set('tree', h, { type: 'root' });
    const live = new Set([...docs.slice(0, 1000).map((d) => d.hash), ...edited]);
    second.save({ prune: true, keep: ofLiveDocs(live) });

    const third = new DiskCache(dir);
    for (const doc of docs.slice(0, 1000)) expect(third.get('tree', doc.hash)).toBeDefined();
    for (const doc of docs) expect(third.get('slug', doc.slug)).toBeDefined();
    for (const h of edited) expect(third.get('tree', h)).toBeDefined();
    // The trees of content no longer in the tree are gone where they outnumbered the run's own.
    const gone = docs.slice(1000).filter((doc) => third.get('tree', doc.hash) === undefined).length;
    expect(gone).toBeGreaterThan(500);
  });

  it('without keep, drops the unread entries too, as before', () => {
    const dir = mkdtempSync(join(tmpdir(), 'disk-cache-'));
    dirs.push(dir);
    const first = new DiskCache(dir);
    const hashes = Array.from({ length: 2000 }, (_, i) => hash(`doc ${i}`));
    for (const h of hashes) first.set('tree', h, { type: 'root' });
    first.save();
    const second = new DiskCache(dir);
    for (let i = 0; i < 300; i++) second.set('tree', hash(`new ${i}`), { type: 'root' });
    second.save({ prune: true });
    const third = new DiskCache(dir);
    expect(hashes.filter((h) => third.get('tree', h) === undefined).length).toBeGreaterThan(1000);
  });
});
