import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Exchange } from '../exchange.js';
import { Http1Pool } from './http1-pool.js';

/** A raw TCP server whose every byte the test writes: it records requests and connections. */
interface RawServer {
  port: number;
  requests: string[];
  connections: number;
  sockets: Set<Socket>;
  close(): Promise<void>;
}

type Reply = (socket: Socket, request: string, n: number) => void;

async function rawServer(reply: Reply, host = '127.0.0.1'): Promise<RawServer> {
  const state = { requests: [] as string[], connections: 0, sockets: new Set<Socket>() };
  const server: Server = createServer((socket) => {
    state.connections++;
    state.sockets.add(socket);
    socket.on('close', () => state.sockets.delete(socket));
    let buf = '';
    socket.on('data', (d) => {
      buf += d.toString('latin1');
      for (let end = buf.indexOf('\r\n\r\n'); end >= 0; end = buf.indexOf('\r\n\r\n')) {
        const req = buf.slice(0, end + 4);
        buf = buf.slice(end + 4);
        state.requests.push(req);
        reply(socket, req, state.requests.length);
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  return Object.assign(state, {
    port,
    close: async () => {
      for (const s of state.sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  });
}

const ok = (body: string, extra = ''): string => `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\nCache-Status: t; hit\r\n${extra}\r\n${body}`;

let server: RawServer | null = null;
let pool: Http1Pool | null = null;
afterEach(async () => {
  pool?.close();
  pool = null;
  await server?.close();
  server = null;
});

function makePool(port: number, connections = 2, timeoutMs = 2000, connectHost = '127.0.0.1'): Http1Pool {
  pool = new Http1Pool(
    { connectHost, port, tls: false, servername: 'cdn.test', timeoutMs, wantedHeaders: new Set(['cache-status']) },
    connections,
    `cdn.test:${port}`,
    { 'user-agent': 'cdnbench-test' },
  );
  return pool;
}

function get(p: Http1Pool, path: string, headers?: Record<string, string>): Promise<Exchange> {
  return new Promise((resolve) => p.get(path, headers, resolve));
}

describe('Http1Pool', () => {
  it('sends a well-formed GET with Host, user agent and extra headers, and measures the exchange', async () => {
    server = await rawServer((s) => s.write(ok('hello')));
    const p = makePool(server.port);
    const ex = await get(p, '/a?b=1', { range: 'bytes=0-1' });
    expect(server.requests[0]).toBe(`GET /a?b=1 HTTP/1.1\r\nhost: cdn.test:${server.port}\r\nuser-agent: cdnbench-test\r\nrange: bytes=0-1\r\n\r\n`);
    expect(ex).toMatchObject({ status: 200, bodyBytes: 5, headers: { 'cache-status': 't; hit' } });
    expect(ex.bytes).toBe(ok('hello').length);
    expect(ex.sentAt).toBeLessThanOrEqual(ex.firstByteAt);
    expect(ex.firstByteAt).toBeLessThanOrEqual(ex.endAt);
  });

  it('a request\'s own Host or user agent replaces the fixed one, never a second line', async () => {
    server = await rawServer((s) => s.write(ok('x')));
    const p = makePool(server.port);
    await get(p, '/h', { Host: 'other.test' });
    await get(p, '/u', { 'User-Agent': 'mine', range: 'bytes=0-1' });
    expect(server.requests[0]).toBe('GET /h HTTP/1.1\r\nhost: other.test\r\nuser-agent: cdnbench-test\r\n\r\n');
    expect(server.requests[1]).toBe(`GET /u HTTP/1.1\r\nhost: cdn.test:${server.port}\r\nuser-agent: mine\r\nrange: bytes=0-1\r\n\r\n`);
  });

  it('keeps connections alive, never opens more than allowed, and queues the rest in order', async () => {
    server = await rawServer((s, _req, n) => setTimeout(() => s.write(ok(String(n))), 5));
    const p = makePool(server.port, 3);
    const all = await Promise.all(Array.from({ length: 30 }, (_, i) => get(p, `/${i}`)));
    expect(all.every((e) => e.status === 200)).toBe(true);
    expect(server.connections).toBe(3);
    expect(server.requests.map((r) => r.split(' ')[1])).toEqual(Array.from({ length: 30 }, (_, i) => `/${i}`));
  });

  it('sends a GET again, once, when the server closed the idle keep-alive connection as it was reused', async () => {
    // The second request reaches a connection the server is closing: it dies unanswered (no byte back).
    server = await rawServer((s, _req, n) => (n === 2 ? s.destroy() : s.write(ok('x'))));
    const p = makePool(server.port, 1);
    expect((await get(p, '/1')).status).toBe(200);
    const second = await get(p, '/2');
    expect(second.error).toBeUndefined();
    expect(second.status).toBe(200);
    expect(server.connections).toBe(2);
    expect(server.requests.map((r) => r.split(' ')[1])).toEqual(['/1', '/2', '/2']);
  });

  it('does not retry a request whose fresh connection died unanswered', async () => {
    server = await rawServer((s) => s.destroy());
    const p = makePool(server.port, 1);
    expect((await get(p, '/x')).error).toBe('reset');
    expect(server.requests).toHaveLength(1);
  });

  it('reports a reset when the server closes mid-body, and a protocol error on garbage', async () => {
    server = await rawServer((s, req) => {
      if (req.includes('/cut')) {
        s.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc');
        setTimeout(() => s.destroy(), 10);
      } else s.write('SPDY/9 nonsense\r\n\r\n');
    });
    const p = makePool(server.port);
    const cut = await get(p, '/cut');
    expect(cut).toMatchObject({ error: 'reset', status: 200 });
    const junk = await get(p, '/junk');
    expect(junk.error).toBe('protocol');
  });

  it('reports connection refused as a connect error for every request', async () => {
    const s = await rawServer(() => undefined);
    const port = s.port;
    await s.close();
    const p = makePool(port, 2);
    const all = await Promise.all([get(p, '/a'), get(p, '/b'), get(p, '/c')]);
    expect(all.map((e) => e.error)).toEqual(['connect', 'connect', 'connect']);
    expect(all[0]?.errorMessage).toMatch(/ECONNREFUSED/);
  });

  it('times out a response that never comes', async () => {
    server = await rawServer(() => undefined);
    const p = makePool(server.port, 1, 300);
    const t0 = performance.now();
    const ex = await get(p, '/slow');
    expect(ex.error).toBe('timeout');
    expect(ex.endAt - t0).toBeGreaterThanOrEqual(280);
  });

  it('close() aborts in-flight and queued requests', async () => {
    server = await rawServer(() => undefined);
    const p = makePool(server.port, 1);
    const pending = [get(p, '/a'), get(p, '/b')];
    await new Promise((r) => setTimeout(r, 50));
    p.close();
    expect((await Promise.all(pending)).map((e) => e.error)).toEqual(['aborted', 'aborted']);
    expect((await get(p, '/late')).error).toBe('aborted');
  });

  it('refuses to send a path or header that would split the request', async () => {
    server = await rawServer((s) => s.write(ok('x')));
    const p = makePool(server.port);
    expect((await get(p, '/a b')).error).toBe('other');
    expect((await get(p, '/a', { 'x-a': 'v\r\nInjected: 1' })).error).toBe('other');
    expect(server.requests).toHaveLength(0);
  });

  it('connects to a pinned address while Host names the URL host', async () => {
    server = await rawServer((s) => s.write(ok(s.localAddress ?? '')), '127.0.0.2');
    const p = makePool(server.port, 1, 2000, '127.0.0.2');
    const ex = await get(p, '/');
    expect(ex.status).toBe(200);
    expect(server.requests[0]).toContain(`host: cdn.test:${server.port}\r\n`);
  });
});
