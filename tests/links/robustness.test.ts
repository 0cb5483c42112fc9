/** Whatever a page holds, extraction and URL inspection never throw (a crash would hide every link). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inspectUrl } from '../../scripts/links/check.ts';
import { extractFile } from '../../scripts/links/extract.ts';
import { parseText } from '../../scripts/validate/engine/parse.ts';

const urlish = fc.oneof(
  fc.webUrl({ withFragments: true, withQueryParameters: true }),
  fc.string().map((s) => `https://${s}`),
  fc.string().map((s) => `http:/${s}`),
  fc.string(),
);

describe('robustness', () => {
  it('inspectUrl answers a key or a malformed message for any string', () => {
    fc.assert(
      fc.property(urlish, (raw) => {
        const result = inspectUrl(raw);
        expect('key' in result || 'malformed' in result).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('extraction never throws and every occurrence has a position inside the file', () => {
    fc.assert(
      fc.property(urlish, fc.string(), urlish, (a, text, b) => {
        const source = `---\ntitle: "${text.replace(/["\\\n]/g, '')}"\nsee: ${a.replace(/\n/g, '')}\n---\n\n[${text}](${a}) <${b}>\n\n[r]: ${b}\n\n<a href="${a}">x</a>\n`;
        const file = parseText('docs/x.md', source);
        const lineCount = source.split('\n').length;
        for (const o of extractFile(file)) {
          expect(o.line).toBeGreaterThanOrEqual(1);
          expect(o.line).toBeLessThanOrEqual(lineCount);
          expect(o.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
