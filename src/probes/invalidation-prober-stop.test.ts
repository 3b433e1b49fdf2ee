/**
 * The run's hard stop reaches the invalidation prober's requests in flight: against a PoP that accepts
 * and never answers, a probe with a 30 s timeout returns promptly once its signal aborts, instead of
 * waiting out each poll's own timeout.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeInvalidation } from './invalidation-prober.js';

let server: Server;
let url = '';
let seen = 0;
beforeAll(async () => {
  server = createServer(() => {
    seen++; // read, never answered
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('probeInvalidation stopped by the run', () => {
  it('returns soon after the signal aborts, with its points unmeasured', async () => {
    const stop = new AbortController();
    const probing = probeInvalidation({
      edges: [{ id: 'pop', url }],
      paths: ['/maps/a.json', '/maps/b.json'],
      change: () => Promise.resolve(),
      invalidate: null,
      timeoutMs: 30_000,
      strategy: 'purge-url',
      signal: stop.signal,
    });
    for (let i = 0; i < 400 && seen < 2; i++) await new Promise((r) => setTimeout(r, 25));
    expect(seen).toBeGreaterThanOrEqual(2); // both primes are in flight, unanswered
    const abortedAt = performance.now();
    stop.abort();
    const result = await probing;
    // Each poll would otherwise wait its own 31 s timeout.
    expect(performance.now() - abortedAt).toBeLessThan(5000);
    expect(result.converged).toBe(0);
  }, 30_000);
});
