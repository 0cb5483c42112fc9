/** docs/search-synonyms.yml: the shipped file is valid, and a broken one is reported by path. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadVocabulary } from '../../src/search/synonyms.ts';
import { analyse } from '../../src/search/query.ts';
import { ROOT } from '../helpers/examples.ts';

function siteWith(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'synonyms-'));
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'docs', 'search-synonyms.yml'), yaml);
  return dir;
}

describe('search vocabulary', () => {
  it('loads the shipped file, lower-cased, with every intent pointing somewhere', () => {
    const vocabulary = loadVocabulary(ROOT);
    expect(vocabulary.synonyms.length).toBeGreaterThan(10);
    expect(vocabulary.synonyms.flat().every((entry) => entry === entry.toLowerCase())).toBe(true);
    expect(Object.keys(vocabulary.intents)).toEqual(expect.arrayContaining(['task', 'rollback', 'people', 'checklist']));
  });

  it('reports a one-word group, an unknown key and an intent without a target, by path', () => {
    const dir = siteWith('synonyms:\n  - [revert]\nintents:\n  task:\n    starts: [how do i]\n  other:\n    triggers: [x]\n    types: [procedure]\n    colour: red\n');
    expect(() => loadVocabulary(dir)).toThrow(/synonyms\.0: a synonym group needs at least two entries[\s\S]*intents\.task: an intent needs types or pages|intents\.other/);
  });

  it('matches synonym phrases before dropping stop words, and recognises intents', () => {
    const vocabulary = loadVocabulary(ROOT);
    const analysis = analyse('How do I log in to the db', vocabulary);
    expect(analysis.intents).toContain('task');
    expect(analysis.groups.map((g) => g[0]?.text)).toEqual(['log in', 'db']);
    expect(analysis.groups[1]?.map((a) => a.text)).toContain('postgresql');
  });
});
