/**
 * load.timeout is a whole-request deadline on both transports: a body that trickles one byte every
 * 100 ms, an endless chunked body and a server that never answers all end as `timeout` once the
 * deadline passes (never later than the sweep allows), and the connection is closed.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgeClient, type Exchange } from '../http/edge-client.js';

let server: Server;
let url = '';
/** Requests whose connection the client closed, by path (the server's own ground truth). */
const closedByClient = new Map<string, number>();
const timers = new Set<NodeJS.Timeout>();

function trickle(res: ServerResponse): void {
  res.writeHead(200, { 'content-length': '1000' });
  const t = setInterval(() => res.write('x'), 100);
  timers.add(t);
  res.on('close', () => clearInterval(t));
}

function endless(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/octet-stream' }); // chunked: no length
  const t = setInterval(() => res.write('y'.repeat(512)), 20);
  timers.add(t);
  res.on('close', () => clearInterval(t));
}

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    res.on('close', () => {
      if (!res.writableFinished) closedByClient.set(path, (closedByClient.get(path) ?? 0) + 1);
    });
    if (path.startsWith('/trickle')) trickle(res);
    else if (path.startsWith('/endless')) endless(res);
    else if (path.startsWith('/silent')) return; // accepts, never answers
    else res.end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const t of timers) clearInterval(t);
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const TIMEOUT_MS = 600;

describe.each(['lean', 'undici'] as const)('whole-request deadline, %s transport', (transport) => {
  it.each(['trickle', 'endless', 'silent'])('a %s response ends as a timeout at the deadline and its connection is closed', async (kind) => {
    const client = new EdgeClient({ id: 'pop', url }, { connections: 1, http2: false, timeoutMs: TIMEOUT_MS, wantedHeaders: new Set(), userAgent: 't', transport });
    const path = `/${kind}-${transport}`;
    try {
      const t0 = performance.now();
      const ex = await new Promise<Exchange>((r) => client.get(path, undefined, r));
      expect(ex.error).toBe('timeout');
      expect(ex.errorMessage).toMatch(/no complete response within 600 ms/);
      // Never before the deadline; the sweep (30 ms here) may add a little, a loaded machine more.
      expect(ex.endAt - t0).toBeGreaterThanOrEqual(TIMEOUT_MS - 1);
      expect(ex.endAt - t0).toBeLessThan(TIMEOUT_MS + 3000);
      // The server saw the client close the response it had not finished.
      for (let i = 0; i < 100 && closedByClient.get(path) === undefined; i++) await new Promise((r) => setTimeout(r, 20));
      expect(closedByClient.get(path)).toBe(1);
      // The pool recovers: the next request gets a fresh connection and an answer.
      const next = await new Promise<Exchange>((r) => client.get('/ok', undefined, r));
      expect(next.status).toBe(200);
    } finally {
      await client.close();
    }
  });
});

describe('whole-request deadline over HTTP/2', () => {
  it('a trickling stream ends as a timeout at the deadline and the connection is kept', async () => {
    const { readFileSync } = await import('node:fs');
    const { createSecureServer } = await import('node:http2');
    const fixture = (f: string): string => readFileSync(new URL(`../../test/fixtures/tls/${f}`, import.meta.url), 'utf8');
    let sessions = 0;
    const h2 = createSecureServer({ key: fixture('cdn-test.key'), cert: fixture('cdn-test.crt') }, (req, res) => {
      if (req.url === '/ok') {
        res.end('ok');
        return;
      }
      res.writeHead(200, { 'content-length': '1000' });
      const t = setInterval(() => {
        if (!req.stream.closed) res.write('x');
      }, 100);
      req.stream.on('close', () => clearInterval(t));
    });
    h2.on('session', () => sessions++);
    await new Promise<void>((r) => h2.listen(0, '127.0.0.3', r));
    const port = (h2.address() as AddressInfo).port;
    const client = new EdgeClient(
      { id: 'h2', url: `https://cdn.test:${port}`, connectAddress: '127.0.0.3' },
      { connections: 1, http2: true, timeoutMs: TIMEOUT_MS, wantedHeaders: new Set(), userAgent: 't', ca: fixture('cdn-test.crt') },
    );
    try {
      const t0 = performance.now();
      const ex = await new Promise<Exchange>((r) => client.get('/trickle', undefined, r));
      expect(ex.error, ex.errorMessage).toBe('timeout');
      expect(ex.endAt - t0).toBeGreaterThanOrEqual(TIMEOUT_MS - 1);
      expect(ex.endAt - t0).toBeLessThan(TIMEOUT_MS + 3000);
      // undici resets the stream (RST_STREAM) on abort; seen not to reach the server about 1 time in 15, so
      // the server's view is not asserted here. The session stays usable for the next request.
      const next = await new Promise<Exchange>((r) => client.get('/ok', undefined, r));
      expect(next.status, next.errorMessage).toBe(200);
      expect(sessions).toBe(1);
    } finally {
      await client.close();
      await new Promise<void>((r) => h2.close(() => r()));
    }
  });
});
