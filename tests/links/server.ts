/** Real HTTP servers on 127.0.0.1 for the link checker's tests: every response a site can give. */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Hit {
  method: string;
  path: string;
  at: number;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, hitsOnPath: number) => void;

export interface TestServer {
  origin: string;
  hits: Hit[];
  /** Most requests in flight at once. */
  maxInFlight: number;
  count(path: string, method?: string): number;
  close(): Promise<void>;
}

export async function startServer(routes: Record<string, Handler>, options: { latency?: number } = {}): Promise<TestServer> {
  const hits: Hit[] = [];
  let inFlight = 0;
  const state = { maxInFlight: 0 };
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    hits.push({ method: req.method ?? 'GET', path, at: performance.now() });
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    const handler = routes[path];
    const respond = () => {
      if (!handler) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      handler(req, res, hits.filter((h) => h.path === path).length);
    };
    if (options.latency) setTimeout(respond, options.latency);
    else respond();
  });
  server.keepAliveTimeout = 100;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    get maxInFlight() {
      return state.maxInFlight;
    },
    count: (path, method) => hits.filter((h) => h.path === path && (method === undefined || h.method === method)).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const html = (body: string): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html><body>${body}</body></html>`);
};

export const status = (code: number, headers: Record<string, string> = {}): Handler => (_req, res) => {
  res.writeHead(code, headers).end();
};

export const redirect = (code: number, location: string): Handler => (_req, res) => {
  res.writeHead(code, { location }).end();
};
