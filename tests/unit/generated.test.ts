import { describe, expect, it } from 'vitest';
import { staleFiles } from '../../scripts/generate.ts';

describe('files derived from the schemas and checks', () => {
  it('are up to date (run `npm run generate` after changing a schema or a check)', async () => {
    expect(await staleFiles()).toEqual([]);
  });
});
