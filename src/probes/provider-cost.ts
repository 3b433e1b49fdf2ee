/**
 * The cost of one provider's run: its series' bytes per price region, its requests, the origin's
 * counted bytes and the invalidation paths it purged, priced with the provider's table (cost-model.ts).
 */
import type { SeriesRecord } from '../result/result-model.js';
import type { Priced } from '../providers/adapter.js';
import type { ProviderTimeline } from '../result/result-model.js';
import { computeCost } from '../profiles/cost-model.js';
import { steadyCost } from './steady-cost.js';
import { edgeBytesByRegion } from './cost-regions.js';
import type { CostResult } from '../result/probe-results.js';

/** Volumes of a run besides the per-series bytes. */
export interface RunVolumes {
  /** origin → edge body bytes counted by cdnbench's origin; null when the origin is not ours (priced as 0, see README). */
  originBytes: number | null;
  invalidationPaths: number;
  sessions: number;
  requests: number;
  durationMs: number;
  monthlySessions: number | null;
  /** Per-second figures and the declared warm-up, for the steady-state projection; absent → none. */
  steady?: { timeline: ProviderTimeline; warmUpMs: number };
}

/** Prices a provider's run. */
export function providerCost(provider: Priced, series: readonly SeriesRecord[], v: RunVolumes): CostResult {
  const pops = [...new Set(series.map((s) => s.key.pop))].map((id) => ({ id, region: provider.popRegion(id) }));
  const run = { edgeBytesByRegion: edgeBytesByRegion(series, pops), requests: v.requests, originBytes: v.originBytes ?? 0, invalidationPaths: v.invalidationPaths };
  const cost = computeCost({ prices: provider.prices, ...run, sessions: v.sessions, durationMs: v.durationMs, monthlySessions: v.monthlySessions });
  if (v.steady === undefined) return cost;
  const steady = steadyCost({ prices: provider.prices, timeline: v.steady.timeline, warmUpMs: v.steady.warmUpMs, run, sessions: v.sessions, monthlySessions: v.monthlySessions });
  return steady === null ? cost : { ...cost, steady };
}
