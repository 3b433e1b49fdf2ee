/**
 * The result snapshot a second Ctrl-C writes: built synchronously in the middle of a run against a server
 * that never finishes a response, it is a valid result file holding the provider under load; and the run
 * stopped with a signal name as its abort reason records that signal and counts the requests it cut.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runResultSchema } from '../result/result-schema.js';
import { resolveProviders } from '../providers/resolve-providers.js';
import { compilePlan } from '../scenario/compile-plan.js';
import { validateScenario } from '../scenario/loader.js';
import { runScenario, type ResultSnapshot } from './run-scenario.js';

let server: Server;
let url = '';
let seen = 0;
beforeAll(async () => {
  // Headers at once, then one body byte every 200 ms of a declared megabyte: never finished in time.
  server = createServer((_req, res) => {
    seen++;
    res.writeHead(200, { 'content-length': String(1 << 20) });
    const t = setInterval(() => res.write('x'), 200);
    res.on('close', () => clearInterval(t));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('a run stopped by a signal', () => {
  it('snapshots a valid partial result mid-run, then records the signal and the cut requests', async () => {
    const scenario = validateScenario({
      name: 'snapshot',
      catalog: { seed: 42, books: 5, tracks: 10, albums: 2 },
      sessions: { one: { steps: [{ get: '/object' }] } },
      load: { model: 'open', connections: 16, timeout: '30s' },
      phases: [{ duration: '30s', rate: 10 }],
    }, 'test');
    const plan = compilePlan(scenario);
    const stop = new AbortController();
    const snapshot: ResultSnapshot = { build: null };
    const running = runScenario({
      loaded: { scenario, file: null, sha256: null }, plan, providers: resolveProviders([], [url]), runId: 'snap',
      signal: stop.signal, log: () => undefined, snapshot,
    });
    for (let i = 0; i < 400 && seen < 3; i++) await new Promise((r) => setTimeout(r, 25));
    expect(seen).toBeGreaterThanOrEqual(3);

    const partial = runResultSchema.parse(JSON.parse(JSON.stringify(snapshot.build?.())));
    expect(partial.meta.stopReason).toBe('interrupted');
    expect(partial.meta.failure).toBe('interrupted; written before the run had stopped');
    expect(partial.providers.map((p) => p.id)).toEqual(['target']);
    expect(partial.providers[0]?.sessions.started).toBeGreaterThanOrEqual(3);

    stop.abort('SIGTERM');
    const { result } = await running;
    expect(result.meta.stopReason).toBe('interrupted');
    expect(result.meta.failure).toBe('interrupted by SIGTERM');
    const p = result.providers[0];
    // No response ever finished: every started session's request was cut, none is a sample.
    expect(p?.sessions.abortedRequests).toBe(p?.sessions.started);
    expect(p?.summary.requests).toBe(0);
  }, 30_000);
});
