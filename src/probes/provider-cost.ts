/**
 * The cost of one provider's run: its series' bytes per price region, its requests, the origin's
 * counted bytes and the invalidation paths it purged, priced with the provider's table (cost-model.ts).
 */
import type { SeriesRecord } from '../metrics/result-model.js';
import type { Priced } from '../providers/adapter.js';
import { computeCost } from './cost-model.js';
import { edgeBytesByRegion } from './cost-regions.js';
import type { CostResult } from './probe-results.js';

/** Volumes of a run besides the per-series bytes. */
export interface RunVolumes {
  /** origin → edge body bytes counted by cdnbench's origin; null when the origin is not ours (priced as 0, see README). */
  originBytes: number | null;
  invalidationPaths: number;
  sessions: number;
  requests: number;
  durationMs: number;
  monthlySessions: number | null;
}

/** Prices a provider's run. */
export function providerCost(provider: Priced, series: readonly SeriesRecord[], v: RunVolumes): CostResult {
  const pops = [...new Set(series.map((s) => s.key.pop))].map((id) => ({ id, region: provider.popRegion(id) }));
  return computeCost({
    prices: provider.prices,
    edgeBytesByRegion: edgeBytesByRegion(series, pops),
    requests: v.requests,
    originBytes: v.originBytes ?? 0,
    invalidationPaths: v.invalidationPaths,
    sessions: v.sessions,
    durationMs: v.durationMs,
    monthlySessions: v.monthlySessions,
  });
}
