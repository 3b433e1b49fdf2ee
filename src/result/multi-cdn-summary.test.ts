import { describe, expect, it } from 'vitest';
import { mergeMultiCdn, multiCdnSummarySchema, type MultiCdnSummary } from './multi-cdn-summary.js';

function summary(requests: number, aAnswered: number, hedged: number, cost: number | null): MultiCdnSummary {
  const member = (id: string, answered: number) => ({
    id, dialect: 'rfc9211', attempts: answered + hedged, answered, share: answered / requests, hedgesSent: id === 'b' ? hedged : 0,
    hedgeWins: 0, extraRequests: id === 'a' ? hedged : 0, extraBytes: id === 'a' ? hedged * 100 : 0, failovers: 1, costUsd: cost,
  });
  return {
    steering: 'latency', requests, hedged, hedgeWins: 0, retries: 0, attemptTimeouts: 0, extraRequests: hedged, extraBytes: hedged * 100,
    healthChecks: 2, failovers: 2, recoveries: 1, downWindows: [{ pop: 'a/x', downAtMs: 10, upAtMs: 20 }],
    members: [member('a', aAnswered), member('b', requests - aAnswered)],
  };
}

describe('mergeMultiCdn', () => {
  it('adds counts, recomputes shares, keeps down windows and adds member costs', () => {
    const m = mergeMultiCdn([summary(100, 90, 5, 1), null, summary(300, 150, 10, 2)]);
    expect(m).not.toBeNull();
    expect(multiCdnSummarySchema.safeParse(m).success).toBe(true);
    expect(m?.requests).toBe(400);
    expect(m?.hedged).toBe(15);
    expect(m?.extraBytes).toBe(1500);
    expect(m?.downWindows).toHaveLength(2);
    expect(m?.members.map((x) => [x.id, x.answered, x.share, x.costUsd])).toEqual([['a', 240, 0.6, 3], ['b', 160, 0.4, 3]]);
  });

  it('is null without input and the input itself for one', () => {
    expect(mergeMultiCdn([undefined, null])).toBeNull();
    const one = summary(10, 5, 1, null);
    expect(mergeMultiCdn([one])).toBe(one);
  });
});
