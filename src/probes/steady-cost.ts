/**
 * The steady-state cost projection (issue 15): a short run on empty caches is dominated by the origin egress
 * of cold misses, which a month of traffic mostly does not pay. This prices only the load after a declared
 * warm-up, from the per-second timeline:
 *
 *   share        = timeline bytes after warm-up ÷ all timeline bytes (edge bytes per price region scale by it)
 *   origin bytes = the run's origin bytes × cold-response body bytes after warm-up ÷ all cold-response body bytes
 *   sessions     = requests after warm-up × the run's sessions ÷ the run's requests  (sessionsEquivalent)
 *   invalidation paths scale like sessions
 *
 * then per 1M sessions and the monthly bill exactly as the run's own projection (cost-model.ts).
 */
import type { PriceTable } from '../profiles/price-schema.js';
import type { ProviderTimeline } from '../result/result-model.js';
import { costTerms, priceVolumes, scaleVolumes, type CostVolumes } from '../profiles/cost-model.js';
import type { SteadyCost } from '../result/probe-results.js';

/** What the steady-state projection needs besides the timeline. */
export interface SteadyCostInputs {
  prices: PriceTable;
  timeline: ProviderTimeline;
  /** ms from the start of the load that are warm-up. */
  warmUpMs: number;
  /** The run's whole volumes. */
  run: CostVolumes;
  sessions: number;
  monthlySessions: number | null;
}

/** The steady-state projection; null when nothing was recorded after the warm-up. */
export function steadyCost(i: SteadyCostInputs): SteadyCost | null {
  let bytes = 0;
  let cold = 0;
  let sBytes = 0;
  let sCold = 0;
  let sRequests = 0;
  for (const p of i.timeline.points) {
    bytes += p.bytes;
    cold += p.coldBodyBytes;
    // A second belongs to the steady state when it starts at or after the end of the warm-up.
    if (p.t * 1000 < i.warmUpMs) continue;
    sBytes += p.bytes;
    sCold += p.coldBodyBytes;
    sRequests += p.requests;
  }
  if (sRequests === 0 || bytes === 0 || i.run.requests === 0 || i.sessions === 0) return null;
  const sessionsEquivalent = (sRequests * i.sessions) / i.run.requests;
  const volumes = scaleVolumes(i.run, sBytes / bytes);
  volumes.requests = sRequests;
  volumes.originBytes = cold === 0 ? 0 : (i.run.originBytes * sCold) / cold;
  volumes.invalidationPaths = (i.run.invalidationPaths * sessionsEquivalent) / i.sessions;
  const own = priceVolumes(i.prices, volumes, false);
  const monthly = i.monthlySessions === null ? null : priceVolumes(i.prices, scaleVolumes(volumes, i.monthlySessions / sessionsEquivalent), true);
  let edgeBytes = 0;
  for (const b of Object.values(volumes.edgeBytesByRegion)) edgeBytes += b;
  return {
    fromMs: i.warmUpMs,
    requests: sRequests,
    edgeBytes,
    originBytes: volumes.originBytes,
    sessionsEquivalent,
    perMillionSessionsUsd: (own.totalUsd / sessionsEquivalent) * 1e6,
    monthlyUsd: monthly?.totalUsd ?? null,
    monthlyTerms: monthly === null ? null : costTerms(monthly),
  };
}
