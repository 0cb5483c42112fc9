/**
 * One probe of one URL. The HTTP check itself is markdown-link-check's: its per-link prober
 * `link-check` (HEAD, then GET when HEAD is not 200; redirects followed by `needle`), configured
 * with our timeout and redirect limit, and with its own 429 retry off because the scheduler owns
 * retries (link-check's wait on `Retry-After` is unbounded and cannot be cancelled).
 *
 * link-check only answers "status code or error". What it cannot tell, we observe without
 * changing it: Node's `diagnostics_channel` reports every HTTP request and response, and an
 * AsyncLocalStorage context ties them to the probe that made them. That gives the redirect chain
 * (to report permanent redirects and loops), `Retry-After`, the server header behind a 403, and
 * a handle to abort the probe's requests at its deadline or once the final status is known (so a
 * huge or endless body is never downloaded). Fragments need the page itself: `fetchPage` is our
 * own bounded GET.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import diagnostics from 'node:diagnostics_channel';
import http, { type ClientRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';

interface LinkCheckResult {
  link: string;
  statusCode: number;
  err: unknown;
  status: string;
}
type LinkCheck = (link: string, opts: Record<string, unknown>, callback: (err: unknown, result: LinkCheckResult) => void) => void;

// link-check is resolved from markdown-link-check's own location: the prober it uses per link.
const requireFromMlc = createRequire(createRequire(import.meta.url).resolve('markdown-link-check'));
const linkCheck = requireFromMlc('link-check') as LinkCheck;
const LINK_CHECK_VERSION = (requireFromMlc('link-check/package.json') as { version: string }).version;

export const DEFAULT_USER_AGENT = `link-check/${LINK_CHECK_VERSION} (ops-handbook check:links)`;
export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
export const PERMANENT_REDIRECTS = new Set([301, 308]);

export interface Hop {
  url: string;
  status: number;
  to: string;
}

/** What one attempt learned about one URL. */
export interface Attempt {
  url: string;
  /** HTTP status of the final response; 0 when there was none. */
  status: number;
  /** Error code (`ENOTFOUND`, `ECONNRESET`…) or message when there was no usable response. */
  error?: string;
  timedOut: boolean;
  /** Redirects followed, in order, in the request chain that gave the verdict. */
  redirects: Hop[];
  /** More redirects than allowed; `loop` when a URL came back. */
  tooManyRedirects: boolean;
  loop: boolean;
  finalUrl: string;
  /** From a `Retry-After` header on the final response, in milliseconds. */
  retryAfterMs?: number;
  /** A few final response headers that explain a status (`server`, `cf-mitigated`…). */
  headers: Record<string, string>;
  /** Requests this attempt made (HEAD, GET, redirect hops). */
  requests: number;
}

export interface ProbeOptions {
  timeout: number;
  maxRedirects: number;
  userAgent: string;
}

interface Exchange {
  request: ClientRequest;
  method: string;
  started: number;
  status?: number;
  headers?: IncomingHttpHeaders;
  error?: NodeJS.ErrnoException;
  ended?: number;
}

interface ProbeContext {
  exchanges: Exchange[];
  byRequest: Map<ClientRequest, Exchange>;
  /** Called when a response arrives, to settle early. */
  onResponse: (exchange: Exchange) => void;
}

const context = new AsyncLocalStorage<ProbeContext>();
let subscribed = false;

function subscribe(): void {
  if (subscribed) return;
  subscribed = true;
  diagnostics.subscribe('http.client.request.start', (message) => {
    const ctx = context.getStore();
    if (!ctx) return;
    const { request } = message as { request: ClientRequest };
    const exchange: Exchange = { request, method: request.method, started: performance.now() };
    ctx.exchanges.push(exchange);
    ctx.byRequest.set(request, exchange);
  });
  diagnostics.subscribe('http.client.response.finish', (message) => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
    const ctx = context.getStore();
    const exchange = ctx?.byRequest.get(request);
    if (!ctx || !exchange) return;
    exchange.status = response.statusCode ?? 0;
    exchange.headers = response.headers;
    exchange.ended = performance.now();
    ctx.onResponse(exchange);
  });
  diagnostics.subscribe('http.client.request.error', (message) => {
    const { request, error } = message as { request: ClientRequest; error: NodeJS.ErrnoException };
    const ctx = context.getStore();
    const exchange = ctx?.byRequest.get(request);
    if (!exchange || exchange.status !== undefined) return;
    exchange.error = error;
    exchange.ended = performance.now();
  });
}

/** `Retry-After`: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const EXPLAINING_HEADERS = ['server', 'cf-mitigated', 'cf-ray', 'x-amzn-waf-action', 'x-datadome', 'x-sucuri-id', 'akamai-grn', 'location'];

const isFinal = (e: Exchange) => e.status !== undefined && !(REDIRECT_STATUSES.has(e.status) && e.headers?.location);

/** Splits the exchanges into request chains: link-check's HEAD chain, then its GET chain. */
function lastChain(exchanges: Exchange[]): Exchange[] {
  let start = 0;
  for (let i = 1; i < exchanges.length; i++) {
    const previous = exchanges[i - 1]!;
    if (exchanges[i]!.method !== previous.method || isFinal(previous) || previous.status === undefined) start = i;
  }
  return exchanges.slice(start);
}

function resolveLocation(location: string, base: string): string {
  try {
    return new URL(location, base).toString();
  } catch {
    return location;
  }
}

function summarise(url: string, exchanges: Exchange[], fallback: { status: number; error?: unknown }, timeout: number, deadlineHit: boolean): Attempt {
  const chain = lastChain(exchanges);
  const redirects: Hop[] = [];
  let current = url;
  const seen = new Set([url]);
  let loop = false;
  for (const exchange of chain) {
    if (exchange.status !== undefined && REDIRECT_STATUSES.has(exchange.status) && exchange.headers?.location) {
      const to = resolveLocation(exchange.headers.location, current);
      redirects.push({ url: current, status: exchange.status, to });
      if (seen.has(to)) loop = true;
      seen.add(to);
      current = to;
    }
  }
  const last = chain.at(-1);
  const final = last && isFinal(last) ? last : undefined;
  const status = final?.status ?? fallback.status ?? 0;
  const headers: Record<string, string> = {};
  for (const name of EXPLAINING_HEADERS) {
    const value = final?.headers?.[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const fallbackMessage = fallback.error instanceof Error ? fallback.error.message : fallback.error ? String(fallback.error) : undefined;
  const tooManyRedirects = !final && (/max redirects/i.test(fallbackMessage ?? '') || (last?.status !== undefined && REDIRECT_STATUSES.has(last.status)));
  const failed = last?.error;
  const timedOut =
    deadlineHit ||
    (!final && !!last && last.status === undefined && last.ended !== undefined && last.ended - last.started >= timeout - 25) ||
    /timeout/i.test(fallbackMessage ?? '');
  return {
    url,
    status: tooManyRedirects ? 0 : status,
    error: final ? undefined : failed?.code ?? failed?.message ?? fallbackMessage,
    timedOut: !final && timedOut,
    redirects,
    tooManyRedirects,
    loop: tooManyRedirects && loop,
    finalUrl: current,
    retryAfterMs: parseRetryAfter(final?.headers?.['retry-after'] as string | undefined),
    headers,
    requests: exchanges.length,
  };
}

/**
 * One attempt: link-check's verdict on `url`, with what the observed exchanges add. Never throws
 * and always settles, at the latest at the deadline (three timeouts: HEAD, GET and slack).
 */
export function probe(url: string, options: ProbeOptions): Promise<Attempt> {
  subscribe();
  return new Promise((resolve) => {
    let settled = false;
    const ctx: ProbeContext = { exchanges: [], byRequest: new Map(), onResponse: () => {} };
    const finish = (fallback: { status: number; error?: unknown }, deadlineHit = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      // Whatever is still open belongs to a probe that has its answer: stop it (bodies included).
      setImmediate(() => {
        for (const exchange of ctx.exchanges) if (!exchange.request.destroyed) exchange.request.destroy();
      });
      resolve(summarise(url, ctx.exchanges, fallback, options.timeout, deadlineHit));
    };
    // link-check's GET is its last word: once its final response is in, the verdict is known and
    // the body (possibly huge, possibly endless) is not needed.
    ctx.onResponse = (exchange) => {
      if (exchange.method === 'GET' && isFinal(exchange)) finish({ status: exchange.status ?? 0 });
    };
    const deadline = setTimeout(() => finish({ status: 0, error: new Error('timeout') }, true), options.timeout * 3);
    context.run(ctx, () => {
      try {
        linkCheck(
          url,
          {
            timeout: `${options.timeout}ms`,
            open_timeout: `${options.timeout}ms`,
            maxRedirects: options.maxRedirects,
            retryOn429: false,
            retryCount: 0,
            user_agent: options.userAgent,
            aliveStatusCodes: [200],
          },
          (err, result) => finish({ status: result?.statusCode ?? 0, error: err ?? result?.err ?? undefined }),
        );
      } catch (error) {
        finish({ status: 0, error });
      }
    });
  });
}

export interface Page {
  status: number;
  html: boolean;
  /** `id` and `name` values of the page (GitHub's `user-content-` prefix removed). */
  anchors: Set<string>;
  /** The body was cut at `maxBytes` before the end. */
  truncated: boolean;
  error?: string;
}

const ANCHOR = /\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;

export function anchorsOf(html: string): Set<string> {
  const anchors = new Set<string>();
  for (const match of html.matchAll(ANCHOR)) {
    const value = match[1] ?? match[2] ?? match[3] ?? '';
    anchors.add(value);
    if (value.startsWith('user-content-')) anchors.add(value.slice('user-content-'.length));
  }
  return anchors;
}

/** Our own GET of an HTML page, for its anchors: redirects followed, timeout, at most `maxBytes` read. */
export function fetchPage(url: string, options: ProbeOptions & { maxBytes: number }, hops = 0): Promise<Page> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch (error) {
      resolve({ status: 0, html: false, anchors: new Set(), truncated: false, error: String(error) });
      return;
    }
    const client = target.protocol === 'https:' ? https : http;
    let done = false;
    const settle = (page: Page) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      request.destroy();
      resolve(page);
    };
    const timer = setTimeout(() => settle({ status: 0, html: false, anchors: new Set(), truncated: false, error: 'timeout' }), options.timeout);
    const request = client.get(target, { headers: { 'user-agent': options.userAgent, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' } }, (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECT_STATUSES.has(status) && location && hops < options.maxRedirects) {
        const next = resolveLocation(location, url);
        done = true;
        clearTimeout(timer);
        request.destroy();
        resolve(fetchPage(next, options, hops + 1));
        return;
      }
      const type = String(response.headers['content-type'] ?? '');
      const html = /\b(text\/html|application\/xhtml\+xml)\b/i.test(type);
      if (!html || status < 200 || status >= 300) {
        settle({ status, html, anchors: new Set(), truncated: false });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= options.maxBytes) {
          settle({ status, html, anchors: anchorsOf(Buffer.concat(chunks).subarray(0, options.maxBytes).toString('utf8')), truncated: true });
        }
      });
      response.on('end', () => settle({ status, html, anchors: anchorsOf(Buffer.concat(chunks).toString('utf8')), truncated: false }));
      response.on('error', (error) => settle({ status: 0, html, anchors: new Set(), truncated: false, error: error.message }));
    });
    request.on('error', (error: NodeJS.ErrnoException) => settle({ status: 0, html: false, anchors: new Set(), truncated: false, error: error.code ?? error.message }));
  });
}
