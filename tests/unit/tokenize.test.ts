import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/search/tokenize.ts';

describe('search tokenizer', () => {
  it.each([
    ['CrashLoopBackOff', ['crashloopbackoff', 'crash', 'loop', 'back', 'off']],
    ['RB-007', ['rb-007', 'rb007', 'rb', '007']],
    ['ECONNREFUSED', ['econnrefused']],
    ['api-gateway-blue', ['api-gateway-blue', 'apigatewayblue', 'api', 'gateway', 'blue']],
    ['pg_stat_activity', ['pg_stat_activity', 'pgstatactivity', 'pg', 'stat', 'activity']],
    ['deployment/api-gateway', ['deployment/api-gateway', 'deployment', 'api', 'gateway']],
    ['Error: connect ECONNREFUSED 10.0.0.1:5432', ['error', 'connect', 'econnrefused', '10.0.0.1:5432', '10', '0', '1', '5432']],
    ['"too many connections"', ['too', 'many', 'connections']],
  ])('%s', (text, expected) => {
    expect(tokenize(text)).toEqual(expect.arrayContaining(expected));
  });

  it('yields lower-case, non-empty tokens without separators for any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        for (const token of tokenize(text)) {
          expect(token).not.toBe('');
          expect(token).toBe(token.toLowerCase());
          expect(token).not.toMatch(/\s/);
        }
      }),
      { numRuns: 500 },
    );
  });
});
