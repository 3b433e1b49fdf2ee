import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgeClient, type Exchange } from './edge-client.js';

// Node's own HTTP server answers in every framing a CDN uses: Content-Length, chunked, 304, HEAD-less 204.
let server: Server;
let url = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader('cache-status', 'node; hit');
    res.setHeader('x-pop', 'p1');
    if (req.url === '/chunked') {
      res.write('a'.repeat(3000));
      setTimeout(() => res.end('b'.repeat(5000)), 5);
    } else if (req.url === '/304') {
      res.statusCode = 304;
      res.end();
    } else if (req.url === '/range') {
      res.statusCode = 206;
      res.setHeader('content-range', `bytes 0-9/100`);
      res.end(String(req.headers.range).padEnd(10, '.').slice(0, 10));
    } else res.end('{"tile":1}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function fetchAll(transport: 'lean' | 'undici'): Promise<Exchange[]> {
  const client = new EdgeClient({ id: 'pop', url }, { connections: 2, http2: false, timeoutMs: 5000, wantedHeaders: new Set(['cache-status', 'x-pop', 'content-range']), userAgent: 'cdnbench-test', transport });
  const get = (path: string, headers?: Record<string, string>): Promise<Exchange> => new Promise((r) => client.get(path, headers, r));
  try {
    return [await get('/tile'), await get('/chunked'), await get('/304'), await get('/range', { range: 'bytes=0-9' })];
  } finally {
    await client.close();
  }
}

describe('EdgeClient transports', () => {
  it('the lean HTTP/1.1 client reports what undici reports: status, body bytes, wanted headers', async () => {
    const lean = await fetchAll('lean');
    const undici = await fetchAll('undici');
    const view = (e: Exchange): unknown => ({ status: e.status, bodyBytes: e.bodyBytes, headers: e.headers, error: e.error });
    expect(lean.map(view)).toEqual(undici.map(view));
    expect(lean.map((e) => e.bodyBytes)).toEqual([10, 8000, 0, 10]);
    expect(lean[3]?.headers['content-range']).toBe('bytes 0-9/100');
    // Wire bytes: the lean client counts the head exactly and the chunked framing on top of the body.
    for (const e of lean) expect(e.bytes).toBeGreaterThan(e.bodyBytes + 100);
    expect(lean[1]!.bytes - lean[1]!.bodyBytes).toBeGreaterThan(lean[0]!.bytes - lean[0]!.bodyBytes);
  });
});

describe('EdgeClient over HTTPS with a pinned PoP address', () => {
  it('connects to the pinned IP, sends SNI and Host of the URL, and verifies the certificate', async () => {
    const { readFileSync } = await import('node:fs');
    const { createServer: createHttps } = await import('node:https');
    const fixture = (f: string): string => readFileSync(new URL(`../../test/fixtures/tls/${f}`, import.meta.url), 'utf8');
    const seen: { sni: string | false; host: string | undefined; local: string | undefined }[] = [];
    const tlsServer = createHttps({ key: fixture('cdn-test.key'), cert: fixture('cdn-test.crt') }, (req, res) => {
      const sock = req.socket as import('node:tls').TLSSocket;
      seen.push({ sni: sock.servername, host: req.headers.host, local: sock.localAddress });
      res.setHeader('cache-status', 'tls; hit');
      res.end('ok');
    });
    await new Promise<void>((r) => tlsServer.listen(0, '127.0.0.3', r));
    const port = (tlsServer.address() as AddressInfo).port;
    try {
      for (const transport of ['lean', 'undici'] as const) {
        const client = new EdgeClient(
          { id: 'pinned', url: `https://cdn.test:${port}`, connectAddress: '127.0.0.3' },
          { connections: 1, http2: false, timeoutMs: 5000, wantedHeaders: new Set(['cache-status']), userAgent: 't', ca: fixture('cdn-test.crt'), transport },
        );
        const ex = await new Promise<Exchange>((r) => client.get('/x', undefined, r));
        await client.close();
        expect(ex.error, `${transport}: ${ex.errorMessage}`).toBeUndefined();
        expect(ex.headers['cache-status']).toBe('tls; hit');
      }
      expect(seen).toEqual([
        { sni: 'cdn.test', host: `cdn.test:${port}`, local: '127.0.0.3' },
        { sni: 'cdn.test', host: `cdn.test:${port}`, local: '127.0.0.3' },
      ]);
      // Without the CA the self-signed certificate is refused: a connect error, never a silent downgrade.
      const untrusted = new EdgeClient({ id: 'p', url: `https://cdn.test:${port}`, connectAddress: '127.0.0.3' }, { connections: 1, http2: false, timeoutMs: 5000, wantedHeaders: new Set(), userAgent: 't' });
      const refused = await new Promise<Exchange>((r) => untrusted.get('/x', undefined, r));
      await untrusted.close();
      expect(refused.error).toBe('connect');
    } finally {
      await new Promise<void>((r) => tlsServer.close(() => r()));
    }
  });
});

describe('EdgeClient fixed headers', () => {
  it('sends extraHeaders with every request on both transports; a step\'s own header of that name wins', async () => {
    const seen: (string | undefined)[] = [];
    const s = createServer((req, res) => {
      seen.push(req.headers.pragma);
      res.end('x');
    });
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const u = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
    try {
      for (const transport of ['lean', 'undici'] as const) {
        const client = new EdgeClient({ id: 'p', url: u }, { connections: 1, http2: false, timeoutMs: 5000, wantedHeaders: new Set(), userAgent: 't', extraHeaders: { pragma: 'akamai-x-cache-on' }, transport });
        const get = (headers?: Record<string, string>): Promise<Exchange> => new Promise((r) => client.get('/', headers, r));
        await get();
        await get({ Pragma: 'no-cache' });
        await client.close();
      }
      expect(seen).toEqual(['akamai-x-cache-on', 'no-cache', 'akamai-x-cache-on', 'no-cache']);
    } finally {
      await new Promise<void>((r) => s.close(() => r()));
    }
  });
});
