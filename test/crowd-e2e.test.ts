/**
 * Crowds through the built CLI (issue 17), against servers this file writes: they count connections,
 * requests per connection and HTTP/2 streams per session, and note when each connection and request
 * arrived, so what cdnbench reports is compared with what the servers saw. No timing threshold here can
 * fail on a slow machine: the only time bounds are "not before the intended instant" (a 2 ms margin for
 * the two processes' wall clocks, both read from the same system clock) and "not faster than the
 * server's own delay".
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createH2Server, type Http2Server, type ServerHttp2Session } from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderResult } from '../src/result/result-model.js';
import { readResultFile } from '../src/result/result-schema.js';
import { needsEngine, skipWithoutEngine } from './helpers/require-engine.js';
import { assertCliBuilt, runCli } from './helpers/cli.js';

/** Each response is held this long: no latency from the intended instant may come out shorter. */
const DELAY_MS = 40;
/** Wall-clock slack between this process and the CLI's (Date.now() is whole milliseconds, on both sides). */
const CLOCK_MS = 2;
// The CLI's instants are on the system's wall clock (Date.now() at the load's start). This process must
// read the same clock: performance.timeOrigin + now() follows the monotonic clock since this long-lived test
// worker started and drifts from the wall clock by milliseconds (seen: 5 ms), enough to fake an early send.
const wallNow = (): number => Date.now();

let dir = '';
const closers: (() => Promise<void>)[] = [];
beforeAll(() => assertCliBuilt());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-crowd-'));
});
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
  await rm(dir, { recursive: true, force: true });
});

/** What an HTTP/1.1 counting server saw. */
interface Http1Seen {
  url: string;
  /** Accept time (wall ms) of each connection, in accept order. */
  connections: { at: number; requests: number; paths: string[] }[];
  /** Connections the kernel had established to the server (accepted or still queued) when the first request arrived. */
  connectionsAtFirstRequest: number | null;
  /** Arrival (wall ms) per listener number (the path's last segment). */
  arrivals: Map<number, number>;
}

/**
 * Connections established to a local port, from the kernel's table (/proc/net/tcp): unlike the server's
 * accepted count, it includes connections still waiting in the accept queue, which a busy test process
 * may accept after it has already read a request from an earlier connection.
 */
function establishedTo(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1).filter((line) => {
    const f = line.trim().split(/\s+/);
    return f[1]?.endsWith(`:${hexPort}`) === true && f[3] === '01';
  }).length;
}

async function countingHttp1Server(): Promise<Http1Seen> {
  const seen: Http1Seen = { url: '', connections: [], connectionsAtFirstRequest: null, arrivals: new Map() };
  const conn = new WeakMap<Socket, Http1Seen['connections'][number]>();
  const server: Server = createHttpServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const at = wallNow();
    seen.connectionsAtFirstRequest ??= establishedTo((server.address() as AddressInfo).port);
    const path = req.url ?? '';
    seen.arrivals.set(Number(path.split('/').pop()), at);
    const c = conn.get(req.socket);
    if (c !== undefined) {
      c.requests++;
      c.paths.push(path);
    }
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json', 'cache-status': 'test; hit' }).end('{"ok":true}'), DELAY_MS);
  });
  server.on('connection', (s: Socket) => {
    const c = { at: wallNow(), requests: 0, paths: [] };
    seen.connections.push(c);
    conn.set(s, c);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', 1024, r));
  seen.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closers.push(() => new Promise<void>((r) => {
    server.closeAllConnections();
    server.close(() => r());
  }));
  return seen;
}

async function writeScenario(crowd: string, path = '/obj/{session}'): Promise<string> {
  const file = join(dir, 'crowd.yaml');
  await writeFile(file, [
    'name: crowd-test', 'sessions:', '  listener:', '    steps:', `      - get: ${path}`,
    'load: { model: open, arrival: constant, timeout: 10s }', `crowd: ${crowd}`, 'limits: { maxDuration: 60s }', '',
  ].join('\n'));
  return file;
}

async function runTargets(file: string, targets: readonly string[]): Promise<ProviderResult> {
  const args = ['run', file, ...targets.flatMap((t) => ['--target', t]), '--out', join(dir, 'out'), '--report', 'none', '--quiet', '--no-preflight'];
  const r = await runCli(args, { cwd: dir, timeoutMs: 90_000 });
  expect(r.code, r.stderr).toBe(0);
  const p = (await readResultFile(join(dir, 'out', 'result.json'))).providers[0];
  if (p === undefined) throw new Error('no provider in the result');
  return p;
}

/** Listener i's intended instant: the window's start plus i × within / listeners (arrival: constant). */
const intended = (start: number, i: number, n: number, withinMs: number): number => start + (i * withinMs) / n;

describe('an HTTP/1.1 crowd of 500 listeners within 200 ms over two PoPs', () => {
  for (const connect of ['warm', 'cold'] as const) {
    it(`${connect}: one connection and one request per listener, none before its instant, latency not below the server's delay`, async () => {
      const servers = [await countingHttp1Server(), await countingHttp1Server()];
      const file = await writeScenario(`{ listeners: 500, within: 200ms, connect: ${connect} }`);
      const p = await runTargets(file, servers.map((s) => s.url));
      const crowd = p.summary.crowd;
      if (crowd === undefined) throw new Error('no crowd figures in the result');
      expect(crowd).toMatchObject({ listeners: 500, sent: 500, connections: 500, connectFailures: 0, connect });
      expect(p.summary.requests).toBe(500);
      expect(p.summary.errors).toBe(0);
      servers.forEach((s, pop) => {
        // Round-robin over the PoPs: listener i on PoP i % 2, each on its own connection with exactly one request.
        expect([...s.arrivals.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 250 }, (_, k) => 2 * k + pop));
        expect(s.connections).toHaveLength(250);
        expect(s.connections.every((c) => c.requests === 1)).toBe(true);
        for (const [i, at] of s.arrivals) expect(at).toBeGreaterThanOrEqual(intended(crowd.windowStartedAt, i, 500, 200) - CLOCK_MS);
        if (connect === 'warm') {
          expect(s.connectionsAtFirstRequest).toBe(250);
          expect(crowd.connectMs).not.toBeNull();
        } else {
          // Cold: each listener connected at its own instant, never before.
          for (const c of s.connections) {
            const i = Number(c.paths[0]?.split('/').pop());
            expect(c.at).toBeGreaterThanOrEqual(intended(crowd.windowStartedAt, i, 500, 200) - CLOCK_MS);
          }
          expect(crowd.connectMs).toBeNull();
        }
      });
      expect(crowd.latencyFromIntended.count).toBe(500);
      // The sorted-HDR minimum is not in the summary; p50 and every percentile above it are ≥ the delay.
      expect(crowd.latencyFromIntended.p50Ms ?? 0).toBeGreaterThanOrEqual(DELAY_MS);
      expect(p.summary.allObjects.p50Ms ?? 0).toBeGreaterThanOrEqual(DELAY_MS);
      expect(p.sessions).toMatchObject({ planned: 500, started: 500, completed: 500, dropped: 0 });
    }, 120_000);
  }
});

describe('an HTTP/2 crowd', () => {
  it('300 listeners, 100 streams per connection: 3 connections carry 100 streams each, opened before the first stream (warm)', async () => {
    const sessions: { streams: number }[] = [];
    let sessionsAtFirstStream: number | null = null;
    const perSession = new WeakMap<ServerHttp2Session, { streams: number }>();
    const server: Http2Server = createH2Server();
    server.on('session', (s: ServerHttp2Session) => {
      const c = { streams: 0 };
      sessions.push(c);
      perSession.set(s, c);
    });
    server.on('stream', (stream) => {
      sessionsAtFirstStream ??= establishedTo((server.address() as AddressInfo).port);
      const c = perSession.get(stream.session as ServerHttp2Session);
      if (c !== undefined) c.streams++;
      setTimeout(() => {
        if (!stream.destroyed) stream.respond({ ':status': 200, 'cache-status': 'test; hit' });
        stream.end('{"ok":true}');
      }, DELAY_MS);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise<void>((r) => server.close(() => r())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const file = await writeScenario('{ listeners: 300, within: 100ms, connect: warm, protocol: http2, streamsPerConnection: 100 }');
    const p = await runTargets(file, [url]);
    expect(p.summary.crowd).toMatchObject({ protocol: 'http2', listeners: 300, sent: 300, connections: 3, connectFailures: 0 });
    expect(p.summary.requests).toBe(300);
    expect(p.summary.errors).toBe(0);
    expect(sessions.map((s) => s.streams)).toEqual([100, 100, 100]);
    expect(sessionsAtFirstStream).toBe(3);
    expect(p.summary.crowd?.latencyFromIntended.p50Ms ?? 0).toBeGreaterThanOrEqual(DELAY_MS);
  }, 120_000);
});

describe('crowd scenario errors', () => {
  it('a crowd with phases is bad input (exit 104, one clear line)', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(file, 'name: bad\nsessions: { one: { steps: [ { get: "/x" } ] } }\nload: { model: open }\ncrowd: { listeners: 10, within: 1s }\nphases: [ { duration: 1s, rate: 2 } ]\n');
    const r = await runCli(['run', file, '--target', 'http://127.0.0.1:9', '--out', join(dir, 'out'), '--quiet'], { cwd: dir });
    expect(r.code).toBe(104);
    expect(r.stderr).toMatch(/phases: a crowd replaces the phases/);
  });
});

describe('exact coalescing of a crowd on a real engine', () => {
  it.skipIf(skipWithoutEngine('nginx'))(needsEngine('nginx', 'lab-nginx (proxy_cache_lock on): 300 warm listeners within 100 ms, one origin fetch per PoP'), async () => {
    const file = join(dir, 'drop.yaml');
    await writeFile(file, [
      'name: crowd-drop', 'catalog: { seed: 42, books: 10, tracks: 200, albums: 10 }',
      'sessions:', '  listener:', '    start: { album: a0000 }', '    steps:', '      - get: /audio/{track}/seek.json',
      'load: { model: open, timeout: 30s }', 'crowd: { listeners: 300, within: 100ms, connect: warm }',
      'coalescing: { album: a0000 }', 'limits: { maxDuration: 90s }', '',
    ].join('\n'));
    const r = await runCli(['run', file, '--provider', 'lab-nginx', '--out', join(dir, 'out'), '--report', 'none', '--quiet'], { cwd: dir, timeoutMs: 150_000, env: { TMPDIR: dir } });
    expect(r.code, r.stderr).toBe(0);
    const p = (await readResultFile(join(dir, 'out', 'result.json'))).providers[0];
    expect(p?.summary.crowd).toMatchObject({ listeners: 300, sent: 300, connectFailures: 0 });
    expect(p?.summary.coalescing).toMatchObject({ method: 'exact', clientRequests: 300, idealFetches: 3, originFetches: 3 });
  }, 180_000);
});
