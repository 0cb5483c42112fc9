/** An alias to a missing anchor used to throw out of the parser and crash every run. */
import { describe, expect, it } from 'vitest';
import { loadDataFile } from '../../scripts/validate/engine/load.ts';
import { parseText } from '../../scripts/validate/engine/parse.ts';

describe('YAML aliases without an anchor', () => {
  it('frontmatter: a positioned error, not a crash', () => {
    const file = parseText('docs/a.md', '---\ntype: guide\nsee: *nope\n---\n\nText.\n');
    expect(file.frontmatter?.data).toBeUndefined();
    const [error] = file.frontmatter!.doc.errors;
    expect(error).toMatchObject({ code: 'BAD_ALIAS', pos: [17, 22] });
  });

  it('data files: the same', () => {
    const file = loadDataFile('src/data/catalog.yml', 'teams:\n  sre: *missing\n');
    expect(file.data).toBeUndefined();
    expect(file.doc.errors[0]).toMatchObject({ code: 'BAD_ALIAS', pos: [14, 22] });
  });
});
