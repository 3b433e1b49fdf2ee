/**
 * The fault half of every CDN adapter's contract, shared so each vendor is held to the same behaviour:
 * 401 and 403 are not retried and end in a failure receipt without the secret; 429 waits exactly what
 * Retry-After says (seconds or HTTP-date) and then succeeds; a Retry-After beyond the profile's cap fails
 * at once; 5xx forever is tried exactly maxAttempts times with backoff, then reported, never thrown.
 * The adapter under test must use `retry: { maxAttempts: 4, baseDelay: 100ms, maxRetryAfter: 5s }`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PurgeReceipt, PurgeRequest } from '../../src/providers/adapter.js';
import { startFakeApi, type FakeApi, type FakeReply, type RecordedRequest } from './fake-api.js';

/** What the contract needs from a vendor's test. */
export interface FaultContract {
  vendor: string;
  /** A fresh adapter whose API base is `apiUrl`. */
  make(apiUrl: string): Promise<{ purge(req: PurgeRequest): Promise<PurgeReceipt>; stop(): Promise<void> }>;
  /** A purge that takes exactly one API call. */
  request: PurgeRequest;
  /** The API's success answer to that call. */
  ok: FakeReply;
  /** The API's error answer with this status (its documented error body). */
  error(status: number): FakeReply;
  /** Which requests are the purge call (others, like token fetches, are ignored); default all. */
  isPurgeCall?(req: RecordedRequest): boolean;
  /** The answer to requests that are not the purge call (e.g. an OAuth2 token endpoint). */
  other?(req: RecordedRequest): FakeReply;
  /** Secret values that must never appear in a receipt. */
  secrets: readonly string[];
}

/** Registers the fault tests of one vendor. */
export function purgeFaultContract(c: FaultContract): void {
  describe(`${c.vendor} purge API faults`, () => {
    let api: FakeApi;
    beforeEach(async () => {
      api = await startFakeApi();
    });
    afterEach(async () => {
      await api.close();
    });
    const purgeCalls = (): RecordedRequest[] => api.requests.filter((r) => c.isPurgeCall?.(r) ?? true);
    const run = async (reply: (n: number) => FakeReply): Promise<PurgeReceipt> => {
      let n = 0;
      api.handle((req) => ((c.isPurgeCall?.(req) ?? true) ? reply(n++) : (c.other?.(req) ?? c.ok)));
      const p = await c.make(api.url);
      try {
        return await p.purge(c.request);
      } finally {
        await p.stop();
      }
    };
    const noSecrets = (r: PurgeReceipt): void => {
      for (const s of c.secrets) expect(JSON.stringify(r)).not.toContain(s);
    };

    for (const status of [401, 403]) {
      it(`${status}: one attempt, a failure receipt, no secret in it`, async () => {
        const r = await run(() => c.error(status));
        expect(r.ok).toBe(false);
        expect(r.attempts).toBe(1);
        expect(purgeCalls()).toHaveLength(1);
        expect(r.error).toMatch(new RegExp(`\\b${status}\\b`));
        noSecrets(r);
      });
    }

    it('429 with Retry-After: 1 waits a second, then succeeds on the second attempt', async () => {
      const r = await run((n) => (n === 0 ? { ...c.error(429), headers: { ...(c.error(429).headers ?? {}), 'retry-after': '1' } } : c.ok));
      expect(r).toMatchObject({ ok: true, attempts: 2 });
      const [a, b] = purgeCalls();
      expect((b?.at ?? 0) - (a?.at ?? 0)).toBeGreaterThanOrEqual(990);
    });

    it('429 with Retry-After as an HTTP-date waits until then', async () => {
      const at = new Date(Date.now() + 2500).toUTCString();
      const r = await run((n) => (n === 0 ? { ...c.error(429), headers: { ...(c.error(429).headers ?? {}), 'retry-after': at } } : c.ok));
      expect(r).toMatchObject({ ok: true, attempts: 2 });
      const [a, b] = purgeCalls();
      expect((b?.at ?? 0) - (a?.at ?? 0)).toBeGreaterThanOrEqual(1400);
    });

    it('429 with a Retry-After beyond the profile\'s cap fails at once', async () => {
      const r = await run(() => ({ ...c.error(429), headers: { ...(c.error(429).headers ?? {}), 'retry-after': '3600' } }));
      expect(r).toMatchObject({ ok: false, attempts: 1 });
      expect(r.error).toContain('Retry-After 3600 s exceeds the 5 s');
    });

    for (const status of [500, 503]) {
      it(`${status} forever: exactly 4 attempts with growing backoff, then a failure receipt`, async () => {
        const r = await run(() => c.error(status));
        expect(r).toMatchObject({ ok: false, attempts: 4 });
        expect(r.error).toContain(String(status));
        expect(r.error).toContain('(after 4 attempts)');
        const calls = purgeCalls();
        expect(calls).toHaveLength(4);
        calls.slice(1).forEach((q, i) => expect(q.at - (calls[i]?.at ?? 0)).toBeGreaterThanOrEqual(50 * 2 ** i - 5));
        noSecrets(r);
      });
    }
  });
}
