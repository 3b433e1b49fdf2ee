/**
 * Two "edge IPs" behind one hostname for PoP-pinning tests: servers bound to 127.0.0.2 and 127.0.0.3
 * (all of 127.0.0.0/8 is loopback on Linux, no setup needed) on the same port, HTTP or HTTPS. Each
 * records what it saw — Host header, path, TLS SNI — so a test can check where requests really went.
 */
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';

/** The two edge addresses. */
export const EDGE_IPS = ['127.0.0.2', '127.0.0.3'] as const;

/** What one edge saw of one request. */
export interface SeenRequest {
  host: string | undefined;
  path: string;
  /** TLS SNI the client sent; undefined over plain HTTP. */
  servername: string | undefined;
}

/** Two running edges. */
export interface PinnedServers {
  port: number;
  /** Requests per edge IP. */
  seen: Record<(typeof EDGE_IPS)[number], SeenRequest[]>;
  close(): Promise<void>;
}

/** Options: TLS key/cert for HTTPS; response headers (default: a Cloudflare cache status without a colo). */
export interface PinnedServerOptions {
  tls?: { key: string; cert: string };
  headers?: Record<string, string>;
}

/** Starts both edges on one free port (retrying if the second IP's port is taken). */
export async function startPinnedServers(o: PinnedServerOptions = {}): Promise<PinnedServers> {
  const seen: PinnedServers['seen'] = { '127.0.0.2': [], '127.0.0.3': [] };
  const body = JSON.stringify({ ok: true, pad: 'x'.repeat(100) });
  const handler = (ip: (typeof EDGE_IPS)[number]) => (req: IncomingMessage, res: ServerResponse): void => {
    seen[ip].push({ host: req.headers.host, path: req.url ?? '', servername: o.tls === undefined ? undefined : ((req.socket as TLSSocket).servername || undefined) });
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json', 'cf-cache-status': 'HIT', ...(o.headers ?? {}), 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const make = (ip: (typeof EDGE_IPS)[number]): Server => (o.tls === undefined ? createHttp(handler(ip)) : createHttps({ key: o.tls.key, cert: o.tls.cert }, handler(ip)));
  const listen = (s: Server, ip: string, port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, ip, () => {
        s.off('error', reject);
        resolve((s.address() as AddressInfo).port);
      });
    });
  const close = (s: Server): Promise<void> => new Promise((r) => { s.closeAllConnections(); s.close(() => r()); });
  for (let attempt = 0; attempt < 10; attempt++) {
    const a = make('127.0.0.2');
    const port = await listen(a, '127.0.0.2', 0);
    const b = make('127.0.0.3');
    try {
      await listen(b, '127.0.0.3', port);
    } catch {
      await close(a);
      continue;
    }
    return { port, seen, close: async () => { await Promise.all([close(a), close(b)]); } };
  }
  throw new Error('no port free on both 127.0.0.2 and 127.0.0.3');
}
