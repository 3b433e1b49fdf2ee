/**
 * Egress cost of a run (DOMAIN.md §2) from a provider's price table (DOMAIN.md §6): pure arithmetic, no I/O.
 *
 * cost = Σ_price-region tiered egress(edge bytes) + requests / 10,000 × per-10k fee
 *        + origin GB × origin price + (invalidation paths − free allowance)⁺ × per-path fee
 *
 * Units: GB = 10^9 bytes (`BYTES_PER_GB`). CloudFront, Fastly and Bunny bill decimal GB; Google Cloud CDN
 * bills GiB (2^30 bytes, 7.4% larger), so a GiB price is under-counted by that much unless the profile
 * converts it. Numbers keep full precision; callers round for display, tests compare to the cent.
 */
import type { CostResult, CostTerms } from '../result/probe-results.js';
import type { PriceTable } from './price-schema.js';

/** Bytes in one billed GB: decimal, 10^9 (see the module comment on GiB). */
export const BYTES_PER_GB = 1e9;

/** Requests per unit of the request fee (`per10kRequestsUsd`). */
export const REQUESTS_PER_FEE_UNIT = 10_000;

/** The price region used for traffic in a region the table does not list. */
export const DEFAULT_PRICE_REGION = 'default';

/** One egress tier of a price table. */
export type PriceTier = PriceTable['egress'][string][number];

/** Everything `computeCost` needs; all volumes are those counted during the run. */
export interface CostInputs {
  prices: PriceTable;
  /** Bytes on the wire to clients (status line + headers + body) per price region (the caller maps PoPs to regions). */
  edgeBytesByRegion: Record<string, number>;
  /** Requests the edge served (each billed by the per-10k fee). */
  requests: number;
  /** origin → edge bytes (from the origin's counters). */
  originBytes: number;
  /** Invalidation paths (URLs or tags) the run submitted. */
  invalidationPaths: number;
  /** Sessions the run started. */
  sessions: number;
  /** Run duration, ms. Validated and kept for the record; the projection scales by sessions, not by time. */
  durationMs: number;
  /** Declared monthly volume (scenario or --monthly-sessions); null → no projection. */
  monthlySessions: number | null;
}

/** The volumes one bill is computed from (a run's, or a month's after scaling). */
export interface CostVolumes {
  edgeBytesByRegion: Record<string, number>;
  requests: number;
  originBytes: number;
  invalidationPaths: number;
}

/** A bill split into its terms, USD, full precision. `totalUsd` is their sum. */
export interface CostBreakdown {
  edgeUsd: number;
  requestsUsd: number;
  originUsd: number;
  invalidationUsd: number;
  /** Plan fee: 0 in a run's cost, `planMonthlyUsd` in a monthly bill. */
  planUsd: number;
  /** Added to reach `minimumMonthlyUsd` (monthly bills only; 0 otherwise). */
  minimumTopUpUsd: number;
  totalUsd: number;
}

function assertVolume(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`cost model: ${name} must be a finite number ≥ 0, got ${value}`);
}

/**
 * Cost of `gb` GB in one month under cumulative tiers: each tier's `upToGB` is the cumulative upper bound
 * (null = unbounded), the first `upToGB` GB at the first price, the next GB up to the second bound at the
 * second price, and so on. Tiers are taken in order of their bounds. Volume beyond the last bounded tier
 * (a table with no unbounded tier) is priced at the last tier's rate.
 */
export function tieredCost(gb: number, tiers: PriceTable['egress'][string]): number {
  assertVolume(gb, 'GB');
  const last = tiers.at(-1);
  if (last === undefined) throw new RangeError('cost model: an egress region has no tiers');
  const bound = (t: PriceTier): number => t.upToGB ?? Number.POSITIVE_INFINITY;
  const sorted = [...tiers].sort((a, b) => (bound(a) === bound(b) ? 0 : bound(a) < bound(b) ? -1 : 1));
  let cost = 0;
  let floor = 0;
  let rate = last.usdPerGB;
  for (const t of sorted) {
    if (gb <= floor) return cost;
    const ceiling = bound(t);
    cost += (Math.min(gb, ceiling) - floor) * t.usdPerGB;
    floor = ceiling;
    rate = t.usdPerGB;
  }
  return gb > floor ? cost + (gb - floor) * rate : cost;
}

/**
 * The price-table key that bills `region`: the region itself when the table lists it, `default` otherwise.
 */
export function priceRegion(prices: PriceTable, region: string): string {
  return Object.hasOwn(prices.egress, region) ? region : DEFAULT_PRICE_REGION;
}

/**
 * Edge bytes pooled by the price-table key that bills them: regions the table does not list share the
 * `default` tiers (and so climb them together), listed regions each climb their own tiers.
 */
export function bytesByPriceRegion(prices: PriceTable, edgeBytesByRegion: Record<string, number>): Map<string, number> {
  const pooled = new Map<string, number>();
  for (const [region, bytes] of Object.entries(edgeBytesByRegion)) {
    assertVolume(bytes, `edge bytes of region "${region}"`);
    const key = priceRegion(prices, region);
    pooled.set(key, (pooled.get(key) ?? 0) + bytes);
  }
  return pooled;
}

/**
 * Prices one bill. `monthly: false` (a run): tiers and the free invalidation allowance apply from zero, as
 * if the run were the start of a billing month; no plan fee, no minimum. `monthly: true`: the same on the
 * month's volumes, plus `planMonthlyUsd`, then topped up to `minimumMonthlyUsd`.
 */
export function priceVolumes(prices: PriceTable, v: CostVolumes, monthly: boolean): CostBreakdown {
  assertVolume(v.requests, 'requests');
  assertVolume(v.originBytes, 'origin bytes');
  assertVolume(v.invalidationPaths, 'invalidation paths');
  let edgeUsd = 0;
  for (const [key, bytes] of bytesByPriceRegion(prices, v.edgeBytesByRegion)) {
    const tiers = prices.egress[key];
    if (tiers === undefined) throw new RangeError(`cost model: the price table has no "${key}" egress region`);
    edgeUsd += tieredCost(bytes / BYTES_PER_GB, tiers);
  }
  const requestsUsd = (v.requests / REQUESTS_PER_FEE_UNIT) * prices.per10kRequestsUsd;
  const originUsd = (v.originBytes / BYTES_PER_GB) * prices.originEgressUsdPerGB;
  const billedPaths = Math.max(0, v.invalidationPaths - prices.invalidation.freePathsPerMonth);
  const invalidationUsd = billedPaths * prices.invalidation.usdPerPath;
  const planUsd = monthly ? prices.planMonthlyUsd : 0;
  const subtotal = edgeUsd + requestsUsd + originUsd + invalidationUsd + planUsd;
  const minimumTopUpUsd = monthly ? Math.max(0, prices.minimumMonthlyUsd - subtotal) : 0;
  return { edgeUsd, requestsUsd, originUsd, invalidationUsd, planUsd, minimumTopUpUsd, totalUsd: subtotal + minimumTopUpUsd };
}

/** Every volume of `v` multiplied by `factor`. */
export function scaleVolumes(v: CostVolumes, factor: number): CostVolumes {
  const edge: Record<string, number> = {};
  for (const [region, bytes] of Object.entries(v.edgeBytesByRegion)) edge[region] = bytes * factor;
  return {
    edgeBytesByRegion: edge,
    requests: v.requests * factor,
    originBytes: v.originBytes * factor,
    invalidationPaths: v.invalidationPaths * factor,
  };
}

/**
 * The run's bill and, when a monthly volume is declared and the run started sessions, the month's bill.
 * The month is the run repeated `monthlySessions / sessions` times: every volume scales by that factor —
 * invalidation paths included, i.e. each repetition of the run publishes and purges again (a run that
 * models one edition rollout projects one rollout per run-equivalent of traffic).
 */
export function costBreakdown(i: CostInputs): { run: CostBreakdown; monthly: CostBreakdown | null } {
  assertVolume(i.sessions, 'sessions');
  assertVolume(i.durationMs, 'durationMs');
  if (i.monthlySessions !== null) assertVolume(i.monthlySessions, 'monthlySessions');
  const volumes: CostVolumes = {
    edgeBytesByRegion: i.edgeBytesByRegion,
    requests: i.requests,
    originBytes: i.originBytes,
    invalidationPaths: i.invalidationPaths,
  };
  const run = priceVolumes(i.prices, volumes, false);
  const monthly =
    i.monthlySessions === null || i.sessions === 0
      ? null
      : priceVolumes(i.prices, scaleVolumes(volumes, i.monthlySessions / i.sessions), true);
  return { run, monthly };
}

/**
 * Cost of a run (DOMAIN.md §2): `totalUsd` is the run's own bill (tiers and free allowances from zero, no
 * plan fee); `perMillionSessionsUsd` = totalUsd / sessions × 10^6 (null when no session started);
 * `monthlyUsd` is the projection at `monthlySessions` with tiers on the monthly totals, the plan fee and
 * the monthly minimum (null when no volume is declared or no session started).
 */
export function computeCost(i: CostInputs): CostResult {
  const { run, monthly } = costBreakdown(i);
  let edgeBytes = 0;
  for (const bytes of Object.values(i.edgeBytesByRegion)) edgeBytes += bytes;
  return {
    edgeEgressGB: edgeBytes / BYTES_PER_GB,
    originEgressGB: i.originBytes / BYTES_PER_GB,
    requests: i.requests,
    invalidationPaths: i.invalidationPaths,
    totalUsd: run.totalUsd,
    perMillionSessionsUsd: i.sessions > 0 ? (run.totalUsd / i.sessions) * 1e6 : null,
    monthlyUsd: monthly === null ? null : monthly.totalUsd,
    monthlySessions: i.monthlySessions,
    breakdown: { run: costTerms(run), monthly: monthly === null ? null : costTerms(monthly) },
  };
}

/** The terms of a bill without its total (the result keeps the total once, in `totalUsd`/`monthlyUsd`). */
export function costTerms(b: CostBreakdown): CostTerms {
  const { edgeUsd, requestsUsd, originUsd, invalidationUsd, planUsd, minimumTopUpUsd } = b;
  return { edgeUsd, requestsUsd, originUsd, invalidationUsd, planUsd, minimumTopUpUsd };
}
