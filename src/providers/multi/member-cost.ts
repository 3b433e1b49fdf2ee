/**
 * The cost of a multi-CDN run: each member priced with its own table over what it really carried —
 * the answers it gave (its `member/PoP` series) plus the extra requests hedging, retries and health
 * checks sent it — and the members' bills added.
 */
import type { SeriesRecord } from '../../result/result-model.js';
import { computeCost } from '../../profiles/cost-model.js';
import type { CostResult } from '../../result/probe-results.js';
import { isPriced, isPurger, type ProviderAdapter, type RunTotals } from '../adapter.js';
import type { MemberCounters } from './routing-counters.js';

/** One member's bill; null when the member has no price table. */
export function memberCost(member: ProviderAdapter, series: readonly SeriesRecord[], c: MemberCounters, originBytes: number, totals: RunTotals): CostResult | null {
  if (!isPriced(member)) return null;
  const prefix = `${member.id}/`;
  const bytesByRegion: Record<string, number> = {};
  const add = (pop: string, bytes: number): void => {
    const region = member.popRegion(pop);
    bytesByRegion[region] = (bytesByRegion[region] ?? 0) + bytes;
  };
  for (const s of series) if (s.key.pop.startsWith(prefix)) add(s.key.pop.slice(prefix.length), s.bytes);
  for (const [pop, bytes] of c.extraBytesByPop) add(pop, bytes);
  return computeCost({
    prices: member.prices,
    edgeBytesByRegion: bytesByRegion,
    requests: c.attempts,
    originBytes,
    invalidationPaths: isPurger(member) ? totals.invalidationPaths : 0,
    sessions: totals.sessions,
    durationMs: totals.durationMs,
    monthlySessions: totals.monthlySessions,
  });
}

/** The members' bills added (the monthly projection too: each member's plan fee and tiers are its own). */
export function sumCosts(costs: readonly (CostResult | null)[], totals: RunTotals): CostResult | null {
  const all = costs.filter((c): c is CostResult => c !== null);
  if (all.length === 0) return null;
  const sum = (f: (c: CostResult) => number): number => all.reduce((a, c) => a + f(c), 0);
  const totalUsd = sum((c) => c.totalUsd);
  const monthly = all.every((c) => c.monthlyUsd !== null) ? sum((c) => c.monthlyUsd ?? 0) : null;
  return {
    edgeEgressGB: sum((c) => c.edgeEgressGB),
    originEgressGB: sum((c) => c.originEgressGB),
    requests: sum((c) => c.requests),
    invalidationPaths: sum((c) => c.invalidationPaths),
    totalUsd,
    perMillionSessionsUsd: totals.sessions > 0 ? (totalUsd / totals.sessions) * 1e6 : null,
    monthlyUsd: monthly,
    monthlySessions: monthly === null ? null : totals.monthlySessions,
  };
}
