import { describe, expect, it } from 'vitest';
import { Rng } from '../../util/rng.js';
import type { ClassifiedExchange, RequestClient } from '../adapter.js';
import { getDialect } from '../../dialects/registry.js';
import { multiProfileSchema } from './multi-profile.js';
import { RoutedClient } from './routed-client.js';
import { RouteStats } from './route-stats.js';
import { Router, type Route } from './router.js';
import { RoutingCounters } from './routing-counters.js';

/** How a fake PoP answers its n-th request: a delay, and a failure kind or a status. */
type Behaviour = (n: number) => { delayMs: number; error?: 'reset'; status?: number };

const BODY = 100;

/** A PoP whose every answer the test decides; counts what it was sent. */
class FakePop implements RequestClient {
  calls = 0;
  readonly edge;
  constructor(id: string, public behave: Behaviour, private readonly headers: Record<string, string> = {}) {
    this.edge = { id, url: `http://${id}.test` };
  }
  get(_path: string, _h: Record<string, string> | undefined, done: (ex: ClassifiedExchange) => void): void {
    const b = this.behave(this.calls++);
    const sentAt = performance.now();
    setTimeout(() => {
      // The exchange reports the declared latency, not the timer's: steering then sees exactly what the
      // test decided, however late a loaded machine fires the timer.
      const endAt = sentAt + b.delayMs;
      done(b.error === undefined
        ? { status: b.status ?? 200, headers: this.headers, bytes: BODY + 50, bodyBytes: BODY, sentAt, firstByteAt: endAt, endAt }
        : { status: 0, headers: {}, bytes: 0, bodyBytes: 0, sentAt, firstByteAt: endAt, endAt, error: b.error, errorMessage: 'reset' });
    }, b.delayMs);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

function setup(profile: Record<string, unknown>, a: FakePop, b: FakePop): { client: RoutedClient; counters: RoutingCounters; router: Router } {
  const p = multiProfileSchema.parse({ kind: 'multi', members: [{ provider: 'a' }, { provider: 'b' }], ...profile });
  const counters = new RoutingCounters(['a', 'b']);
  const router = new Router(p, counters, new Rng(1), performance.now());
  const route = (memberId: string, client: FakePop): Route => ({
    memberId, dialect: getDialect(memberId === 'a' ? 'cloudflare' : 'rfc9211'), weight: p.members.find((m) => m.provider === memberId)?.weight ?? 1, client, edgeId: client.edge.id,
    label: `${memberId}/${client.edge.id}`, stats: new RouteStats(p.steering.ewmaAlpha), downUntil: 0, lastGoodPath: null,
  });
  return { client: new RoutedClient([route('a', a), route('b', b)], router, counters, p), counters, router };
}

function send(c: RoutedClient, path = '/x'): Promise<ClassifiedExchange & { tookMs: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => c.get(path, undefined, (ex) => resolve({ ...ex, tookMs: performance.now() - t0 })));
}

function p99(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.ceil(0.99 * s.length) - 1] ?? 0;
}

describe('RoutedClient', () => {
  it('steers most requests to the member PoP with the lower latency, exploring the other at the set share', async () => {
    const a = new FakePop('fra', () => ({ delayMs: 1 }));
    const b = new FakePop('ams', () => ({ delayMs: 15 }));
    const { client, counters, router } = setup({ steering: { explore: 0.1 } }, a, b);
    for (let i = 0; i < 300; i++) await send(client);
    router.close();
    expect(a.calls + b.calls).toBe(300);
    // Exploration sends ~10% to b (binomial, 300 draws: 30 ± 16 at 3σ) plus its first measurement.
    expect(b.calls).toBeGreaterThan(10);
    expect(b.calls).toBeLessThan(50);
    expect(counters.member('a').answered).toBe(a.calls);
    expect(counters.member('b').answered).toBe(b.calls);
    const s = counters.summary('latency', new Map(), new Map());
    expect(s.members.map((m) => m.share)).toEqual([a.calls / 300, b.calls / 300]);
    expect(s.extraRequests).toBe(0);
  });

  it('names the answer member/PoP and reads it in the member dialect', async () => {
    const a = new FakePop('edge1', () => ({ delayMs: 1 }), { 'cf-cache-status': 'HIT', 'cf-ray': 'abc-FRA' });
    const b = new FakePop('edge2', () => ({ delayMs: 1 }));
    const { client, router } = setup({ steering: { explore: 0 } }, a, b);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await send(client));
    router.close();
    // The first two requests measure both members (unmeasured first); then the faster one wins.
    const classified = answers.map((x) => x.classified);
    expect(classified).toContainEqual({ cache: 'HIT', pop: 'a/FRA' });
    expect(classified).toContainEqual({ cache: 'UNKNOWN', pop: 'b/edge2' });
  });

  it('fails over when a PoP errors: only the request in flight fails, the PoP is health-checked back in', async () => {
    let down = false;
    const a = new FakePop('fra', () => (down ? { delayMs: 1, error: 'reset' } : { delayMs: 1 }));
    const b = new FakePop('ams', () => ({ delayMs: 8 }));
    const { client, counters, router } = setup({ steering: { explore: 0 }, failover: { downFor: '150ms' } }, a, b);
    for (let i = 0; i < 20; i++) await send(client);
    down = true;
    const errors: number[] = [];
    const t0 = performance.now();
    for (let i = 0; performance.now() - t0 < 400; i++) if ((await send(client)).error !== undefined) errors.push(i);
    const aWhileDown = a.calls;
    down = false;
    await new Promise((r) => setTimeout(r, 250));
    const before = a.calls;
    for (let i = 0; i < 20; i++) await send(client);
    router.close();
    // Exactly one user request failed: the one that found the PoP down; the rest went to b.
    expect(errors).toEqual([0]);
    const s = counters.summary('latency', new Map(), new Map());
    expect(s.failovers).toBe(1);
    expect(s.recoveries).toBe(1);
    // Health checks went to a while it was down (about every 150 ms during 400 ms) and are counted as extra.
    expect(s.healthChecks).toBeGreaterThanOrEqual(2);
    expect(aWhileDown).toBeGreaterThanOrEqual(19 + 1 + 2);
    // Every request a received is accounted for: answers it gave, plus health checks (extra).
    const ma = counters.member('a');
    expect(ma.attempts).toBe(a.calls);
    expect(ma.extraRequests).toBe(s.healthChecks);
    expect(ma.answered + counters.member('b').answered).toBe(counters.requests);
    expect(s.downWindows).toHaveLength(1);
    expect(s.downWindows[0]?.upAtMs).not.toBeNull();
    // Recovered: a (faster) gets the traffic again.
    expect(a.calls - before).toBeGreaterThanOrEqual(19);
  });

  it('with retry, a failed request is re-sent to the other member and the user sees no error', async () => {
    const a = new FakePop('fra', (n) => (n >= 5 ? { delayMs: 1, error: 'reset' } : { delayMs: 1 }));
    const b = new FakePop('ams', () => ({ delayMs: 5 }));
    const { client, counters, router } = setup({ steering: { explore: 0 }, failover: { downFor: '10s', retry: true } }, a, b);
    const answers = [];
    for (let i = 0; i < 30; i++) answers.push(await send(client));
    router.close();
    expect(answers.filter((x) => x.error !== undefined)).toHaveLength(0);
    expect(counters.retries).toBe(1);
    expect(counters.member('a').extraRequests).toBe(1);
  });

  it('counts a 5xx answer as a failure of the PoP', async () => {
    const a = new FakePop('fra', (n) => (n >= 3 ? { delayMs: 1, status: 503 } : { delayMs: 1 }));
    const b = new FakePop('ams', () => ({ delayMs: 5 }));
    const { client, counters, router } = setup({ steering: { explore: 0 }, failover: { downFor: '10s' } }, a, b);
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push((await send(client)).status);
    router.close();
    expect(statuses.filter((s) => s === 503)).toHaveLength(1);
    expect(counters.summary('latency', new Map(), new Map()).failovers).toBe(1);
  });

  it('hedges a slow request to the other member after the running p80: p99 falls; hedges and extra bytes counted exactly', async () => {
    // a answers in 1 ms, but every 10th request takes 200 ms; b always takes 20 ms.
    const slowA: Behaviour = (n) => ({ delayMs: n % 10 === 9 ? 200 : 1 });
    const run = async (hedge: Record<string, unknown> | undefined): Promise<{ lat: number[]; a: FakePop; b: FakePop; counters: RoutingCounters }> => {
      const a = new FakePop('fra', slowA);
      const b = new FakePop('ams', () => ({ delayMs: 20 }));
      // Weighted steering with b at 0: every first attempt goes to a (latency steering would flee a's tail by itself).
      const members = [{ provider: 'a' }, { provider: 'b', weight: 0 }];
      const { client, counters, router } = setup({ members, steering: { mode: 'weighted' }, ...(hedge === undefined ? {} : { hedge }) }, a, b);
      const lat: number[] = [];
      for (let i = 0; i < 150; i++) lat.push((await send(client)).tookMs);
      router.close();
      await new Promise((r) => setTimeout(r, 250)); // let losers finish, so their bytes are counted
      return { lat, a, b, counters };
    };
    const plain = await run(undefined);
    const hedged = await run({ after: 'p80', minSamples: 10, budget: 1 });
    expect(p99(plain.lat)).toBeGreaterThan(190);
    expect(p99(hedged.lat)).toBeLessThan(120);
    const c = hedged.counters;
    // Every request b saw is a hedge; each hedge won (b 20 ms vs a 200 ms), its loser on a.
    expect(plain.b.calls).toBe(0);
    expect(c.hedged).toBe(hedged.b.calls);
    expect(c.hedged).toBeGreaterThanOrEqual(10);
    expect(c.hedgeWins).toBe(c.hedged);
    expect(c.member('a').extraRequests).toBe(c.hedged);
    expect(c.member('a').extraBytes).toBe(c.hedged * (BODY + 50));
    expect(c.member('b').hedgesSent).toBe(c.hedged);
  });

  it('keeps hedges within the budget', async () => {
    const a = new FakePop('fra', (n) => ({ delayMs: n < 10 ? 1 : 25 }));
    const b = new FakePop('ams', () => ({ delayMs: 100 }));
    const { client, counters, router } = setup({ steering: { explore: 0 }, hedge: { after: '5ms', budget: 0.1 } }, a, b);
    for (let i = 0; i < 100; i++) await send(client);
    router.close();
    // One starting token plus 0.1 per request.
    expect(counters.hedged).toBeGreaterThanOrEqual(9);
    expect(counters.hedged).toBeLessThanOrEqual(11);
  });
});
