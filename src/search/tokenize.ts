/**
 * The one tokenizer of the handbook search, used to build the index (at build time) and to read
 * queries (in the browser), so both sides always agree.
 *
 * On-call engineers search by what they see: `CrashLoopBackOff`, `ECONNREFUSED`, `RB-007`,
 * `api-gateway-blue`, `pg_stat_activity`, `deployment/api-gateway`, `too many connections`. Each
 * identifier is indexed whole and in its parts, so that any of these finds it:
 *
 *   CrashLoopBackOff → crashloopbackoff, crash, loop, back, off
 *   RB-007           → rb-007, rb, 007, rb007
 *   api-gateway-blue → api-gateway-blue, api, gateway, blue, apigatewayblue
 *   pg_stat_activity → pg_stat_activity, pg, stat, activity, pgstatactivity
 */

/** Characters that always separate words. Hyphens, dots, colons, slashes and underscores join identifiers. */
const SEPARATORS = /[\s,;()[\]{}<>"'`|=!?*+&^~\\]+/u;
/** Joining characters inside an identifier. */
const JOINERS = /[-.:/_#@$%]+/u;
/** Case boundaries: `CrashLoop` → `Crash|Loop`, `HTTPServer` → `HTTP|Server`, `ipv4Addr` → `ipv4|Addr`. */
const CAMEL = /(?<=[\p{Ll}\p{N}])(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u;

const trimJoiners = (word: string) => word.replace(/^[-.:/_#@$%]+|[-.:/_#@$%]+$/gu, '');

export function tokenize(text: string): string[] {
  const tokens = new Set<string>();
  for (const raw of text.split(SEPARATORS)) {
    const word = trimJoiners(raw);
    if (word === '') continue;
    tokens.add(word.toLowerCase());
    const parts = word.split(JOINERS).filter((part) => part !== '');
    if (parts.length > 1) {
      tokens.add(parts.join('').toLowerCase());
      for (const part of parts) tokens.add(part.toLowerCase());
    }
    for (const part of parts) {
      const humps = part.split(CAMEL);
      if (humps.length > 1) for (const hump of humps) tokens.add(hump.toLowerCase());
    }
  }
  return [...tokens];
}
