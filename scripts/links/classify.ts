/**
 * From what a probe saw to a verdict a reviewer can trust: `dead` (an error) only when the link is
 * certainly broken for a reader (404, 410, a host that does not exist, a redirect loop, a bad TLS
 * certificate); `unverified` (a warning) when the server would not tell us (rate limits, bot
 * protection, timeouts, server errors); `alive` otherwise.
 */
import { STATUS_CODES } from 'node:http';
import { formatDuration } from '../../core/duration.ts';
import type { Attempt } from './probe.ts';

export type Verdict = 'alive' | 'dead' | 'unverified';

export interface Classification {
  verdict: Verdict;
  /** Why, for dead and unverified results: "404 Not Found", "timed out after 10s"… */
  reason: string;
  /** Worth another attempt (timeouts, resets, 5xx, 429). */
  retry: boolean;
  /** The server said when (429/503 `Retry-After`). */
  retryAfterMs?: number;
}

const statusText = (status: number) => `${status} ${STATUS_CODES[status] ?? 'Unknown status'}`;

const TLS_ERRORS = /^(CERT_|ERR_TLS_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT)/;

/** Bot protection answers 403 (or 503) with its own signature. */
export function botProtection(headers: Record<string, string>): string | undefined {
  const server = (headers['server'] ?? '').toLowerCase();
  if (headers['cf-mitigated'] || server.includes('cloudflare')) return 'Cloudflare';
  if (headers['x-amzn-waf-action']) return 'AWS WAF';
  if (headers['x-datadome']) return 'DataDome';
  if (headers['x-sucuri-id']) return 'Sucuri';
  if (headers['akamai-grn'] || server.includes('akamai')) return 'Akamai';
  if (server.includes('ddos-guard')) return 'DDoS-Guard';
  return undefined;
}

export function classify(attempt: Attempt, options: { timeout: number; maxRedirects: number }): Classification {
  const { status } = attempt;
  if (attempt.tooManyRedirects) {
    const chain = [...attempt.redirects.map((h) => h.url), attempt.redirects.at(-1)?.to].filter(Boolean).slice(0, 6);
    return attempt.loop
      ? { verdict: 'dead', reason: `redirect loop: ${chain.map((u) => `\`${u}\``).join(' → ')}`, retry: false }
      : { verdict: 'dead', reason: `more than ${options.maxRedirects} redirects`, retry: false };
  }
  if (status >= 200 && status < 300) return { verdict: 'alive', reason: '', retry: false };
  if (status === 404 || status === 410) return { verdict: 'dead', reason: statusText(status), retry: false };
  if (status === 429) return { verdict: 'unverified', reason: `${statusText(status)} (rate limited)`, retry: true, retryAfterMs: attempt.retryAfterMs };
  if (status === 401 || status === 403 || status === 407) {
    const guard = botProtection(attempt.headers);
    const why = guard ? `, blocked by bot protection (${guard})` : status === 403 ? ', often bot protection or a login wall' : ', needs a login';
    return { verdict: 'unverified', reason: `${statusText(status)}${why}`, retry: false };
  }
  if (status >= 500) return { verdict: 'unverified', reason: `server error ${statusText(status)}`, retry: true, retryAfterMs: attempt.retryAfterMs };
  if (status >= 300 && status < 400) return { verdict: 'unverified', reason: `${statusText(status)} without a usable Location`, retry: false };
  if (status >= 400) return { verdict: 'unverified', reason: statusText(status), retry: false };
  // No HTTP response at all.
  const code = attempt.error ?? 'no response';
  if (attempt.timedOut) return { verdict: 'unverified', reason: `timed out after ${formatDuration(options.timeout)}`, retry: true };
  if (code === 'ENOTFOUND') {
    const host = safeHost(attempt.finalUrl);
    return { verdict: 'dead', reason: `the host \`${host}\` does not exist (DNS lookup failed: ENOTFOUND)`, retry: false };
  }
  if (TLS_ERRORS.test(code)) return { verdict: 'dead', reason: `TLS certificate error (${code}): browsers refuse this page`, retry: false };
  if (/unsupported protocol/i.test(code)) return { verdict: 'dead', reason: 'unsupported protocol', retry: false };
  return { verdict: 'unverified', reason: `no response (${code})`, retry: true };
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
