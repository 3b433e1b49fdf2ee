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
