import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { emulatorProfileSchema } from '../lab/emulator/emulator-profile.js';
import { priceTableSchema, type PriceTable } from './price-schema.js';
import { BYTES_PER_GB, computeCost, costBreakdown, tieredCost, type CostInputs } from './cost-model.js';
import { edgeBytesByRegion } from '../probes/cost-regions.js';

const table = (t: unknown): PriceTable => priceTableSchema.parse(t);
/** CloudFront-like: $0.085/GB first 10 TB (10,240 GB) then $0.08; 1,000 free paths then $0.005; origin $0.09. */
const cloudfront = table({
  egress: {
    default: [{ upToGB: 10240, usdPerGB: 0.085 }, { upToGB: null, usdPerGB: 0.08 }],
    asia: [{ upToGB: 10240, usdPerGB: 0.114 }, { upToGB: null, usdPerGB: 0.089 }],
  },
  per10kRequestsUsd: 0.01,
  originEgressUsdPerGB: 0.09,
  invalidation: { freePathsPerMonth: 1000, usdPerPath: 0.005 },
  source: 'test',
});
const inputs = (prices: PriceTable, over: Partial<CostInputs>): CostInputs => ({
  prices, edgeBytesByRegion: {}, requests: 0, originBytes: 0, invalidationPaths: 0,
  sessions: 1, durationMs: 60_000, monthlySessions: null, ...over,
});

describe('tieredCost', () => {
  const tiers = cloudfront.egress['default'] ?? [];
  it('prices cumulative tiers: each upToGB is the cumulative bound', () => {
    expect(tieredCost(0, tiers)).toBe(0);
    expect(tieredCost(100, tiers)).toBeCloseTo(8.5, 2); // 100 × 0.085
    expect(tieredCost(10240, tiers)).toBeCloseTo(870.4, 2); // 10,240 × 0.085
    expect(tieredCost(20000, tiers)).toBeCloseTo(1651.2, 2); // 870.4 + 9,760 × 0.08 = 870.4 + 780.8
  });
  it('takes tiers in order of their bounds and prices volume past the last bounded tier at its rate', () => {
    const unordered = [{ upToGB: null, usdPerGB: 0.01 }, { upToGB: 10, usdPerGB: 1 }];
    expect(tieredCost(15, unordered)).toBeCloseTo(10.05, 2); // 10 × 1 + 5 × 0.01
    expect(tieredCost(15, [{ upToGB: 10, usdPerGB: 1 }, { upToGB: 12, usdPerGB: 0.5 }])).toBeCloseTo(12.5, 2); // 10 + 2×0.5 + 3×0.5
  });
  it('rejects negative or non-finite volumes and empty tier lists', () => {
    expect(() => tieredCost(-1, tiers)).toThrow(RangeError);
    expect(() => tieredCost(Number.NaN, tiers)).toThrow(RangeError);
    expect(() => tieredCost(1, [])).toThrow(RangeError);
  });
});

describe('computeCost', () => {
  it('CloudFront-like run, per 1M sessions and month, by hand', () => {
    const i = inputs(cloudfront, {
      edgeBytesByRegion: { default: 12_345_678_901, asia: 2e9 }, requests: 1_234_567,
      originBytes: 3e9, invalidationPaths: 1500, sessions: 2000, monthlySessions: 1_000_000,
    });
    // run: default 12.345678901 GB × 0.085 = 1.049382706585; asia 2 GB × 0.114 = 0.228;
    //      requests 1,234,567 / 10,000 × 0.01 = 1.234567; origin 3 GB × 0.09 = 0.27;
    //      invalidation (1,500 − 1,000) × 0.005 = 2.5; total = 5.281949706585 ≈ $5.28
    // per 1M sessions: 5.281949706585 / 2,000 × 10^6 = 2,640.9748532925
    // month: × 500 → default 6,172.8394505 GB × 0.085 = 524.6913532925; asia 1,000 GB × 0.114 = 114;
    //        requests 617,283,500 / 10,000 × 0.01 = 617.2835; origin 1,500 GB × 0.09 = 135;
    //        invalidation (750,000 − 1,000) × 0.005 = 3,745; total = 5,135.9748532925
    const r = computeCost(i);
    expect(r.edgeEgressGB).toBeCloseTo(14.345678901, 9);
    expect(r.originEgressGB).toBe(3);
    expect(r.requests).toBe(1_234_567);
    expect(r.invalidationPaths).toBe(1500);
    expect(r.totalUsd).toBeCloseTo(5.281949706585, 2);
    expect(r.perMillionSessionsUsd).toBeCloseTo(2640.9748532925, 2);
    expect(r.monthlyUsd).toBeCloseTo(5135.9748532925, 2);
    expect(r.monthlySessions).toBe(1_000_000);
    const b = costBreakdown(i).run;
    expect([b.edgeUsd, b.requestsUsd, b.originUsd, b.invalidationUsd, b.planUsd]).toEqual([
      expect.closeTo(1.277382706585, 9), expect.closeTo(1.234567, 9), expect.closeTo(0.27, 9), expect.closeTo(2.5, 9), 0,
    ]);
    // The result carries the same terms (for the report's stacked cost chart); they add up to the totals.
    const run = r.breakdown?.run;
    expect(run?.edgeUsd).toBeCloseTo(1.277382706585, 9);
    expect(run?.invalidationUsd).toBeCloseTo(2.5, 9);
    const month = r.breakdown?.monthly;
    expect(month?.edgeUsd).toBeCloseTo(524.6913532925 + 114, 6);
    expect(month?.invalidationUsd).toBeCloseTo(3745, 6);
    const sum = (t: NonNullable<typeof month>): number => t.edgeUsd + t.requestsUsd + t.originUsd + t.invalidationUsd + t.planUsd + t.minimumTopUpUsd;
    expect(sum(run ?? month ?? { edgeUsd: 0, requestsUsd: 0, originUsd: 0, invalidationUsd: 0, planUsd: 0, minimumTopUpUsd: 0 })).toBeCloseTo(r.totalUsd, 9);
    if (month) expect(sum(month)).toBeCloseTo(r.monthlyUsd ?? Number.NaN, 6);
  });

  it('Bunny regional table: each region at its own rate, unlisted oceania at default', () => {
    const bunny = table({
      egress: {
        default: [{ upToGB: null, usdPerGB: 0.01 }], europe: [{ upToGB: null, usdPerGB: 0.01 }],
        asia: [{ upToGB: null, usdPerGB: 0.03 }], 'south-america': [{ upToGB: null, usdPerGB: 0.045 }],
      },
      originEgressUsdPerGB: 0.09, source: 'test',
    });
    // europe 50 × 0.01 = 0.5; asia 10 × 0.03 = 0.3; south-america 4 × 0.045 = 0.18; oceania → default 6 × 0.01 = 0.06;
    // requests 1,000,000 × $0 = 0; origin 2 GB × 0.09 = 0.18; total = 1.22
    const r = computeCost(inputs(bunny, {
      edgeBytesByRegion: { europe: 50e9, asia: 10e9, 'south-america': 4e9, oceania: 6e9 }, requests: 1e6, originBytes: 2e9,
    }));
    expect(r.totalUsd).toBeCloseTo(1.22, 2);
  });

  it('Cloudflare-like: $0/GB and $0 requests; the plan fee appears only in the monthly projection', () => {
    const cf = table({ egress: { default: [{ upToGB: null, usdPerGB: 0 }] }, originEgressUsdPerGB: 0.09, planMonthlyUsd: 20, source: 'test' });
    // run: origin 1 GB × 0.09 = 0.09 (100 GB edge and 5M requests cost nothing; no plan fee)
    // month ×1,000: origin 1,000 GB × 0.09 = 90 + plan 20 = 110
    const r = computeCost(inputs(cf, { edgeBytesByRegion: { default: 100e9 }, requests: 5e6, originBytes: 1e9, sessions: 1000, monthlySessions: 1e6 }));
    expect(r.totalUsd).toBeCloseTo(0.09, 2);
    expect(r.perMillionSessionsUsd).toBeCloseTo(90, 2); // 0.09 / 1,000 × 10^6
    expect(r.monthlyUsd).toBeCloseTo(110, 2);
  });

  it('Fastly-like: the $50 minimum applies to a small month, not to a large one', () => {
    const fastly = table({ egress: { default: [{ upToGB: null, usdPerGB: 0.12 }] }, per10kRequestsUsd: 0.0075, originEgressUsdPerGB: 0.09, minimumMonthlyUsd: 50, source: 'test' });
    const base = { edgeBytesByRegion: { default: 1e9 }, requests: 10_000, originBytes: 0.1e9, sessions: 100 };
    // run: 1 × 0.12 + 1 × 0.0075 + 0.1 × 0.09 = 0.1365 (no minimum in a run)
    // month ×100: 100 × 0.12 = 12; 1e6 / 1e4 × 0.0075 = 0.75; 10 × 0.09 = 0.9 → 13.65 < 50 → 50
    const small = costBreakdown(inputs(fastly, { ...base, monthlySessions: 10_000 }));
    expect(small.run.totalUsd).toBeCloseTo(0.1365, 2);
    expect(small.monthly?.totalUsd).toBeCloseTo(50, 2);
    expect(small.monthly?.minimumTopUpUsd).toBeCloseTo(36.35, 2);
    // month ×10,000: 10,000 × 0.12 = 1,200; 1e8 / 1e4 × 0.0075 = 75; 1,000 × 0.09 = 90 → 1,365 > 50
    expect(computeCost(inputs(fastly, { ...base, monthlySessions: 1e6 })).monthlyUsd).toBeCloseTo(1365, 2);
  });

  it('monthly projection crosses the 10 TB tier; unlisted regions pool into default', () => {
    // run 20 GB in europe (unlisted → default): 20 × 0.085 = 1.70; month ×1,000 = 20,000 GB:
    // 10,240 × 0.085 = 870.4 + 9,760 × 0.08 = 780.8 → 1,651.2 (not 20,000 × 0.085 = 1,700)
    const one = computeCost(inputs(cloudfront, { edgeBytesByRegion: { europe: 20e9 }, sessions: 100, monthlySessions: 100_000 }));
    expect(one.totalUsd).toBeCloseTo(1.7, 2);
    expect(one.monthlyUsd).toBeCloseTo(1651.2, 2);
    // europe 12 GB + north-america 8 GB both bill in default and climb its tiers together: same 1,651.2
    const pooled = computeCost(inputs(cloudfront, { edgeBytesByRegion: { europe: 12e9, 'north-america': 8e9 }, sessions: 100, monthlySessions: 100_000 }));
    expect(pooled.monthlyUsd).toBeCloseTo(1651.2, 2);
    // asia is listed, so it climbs its own tiers: asia 12,000 GB: 10,240 × 0.114 + 1,760 × 0.089 = 1,167.36 + 156.64 = 1,324
    // plus default 8,000 × 0.085 = 680 → 2,004
    const split = computeCost(inputs(cloudfront, { edgeBytesByRegion: { asia: 12e9, europe: 8e9 }, sessions: 100, monthlySessions: 100_000 }));
    expect(split.monthlyUsd).toBeCloseTo(2004, 2);
  });

  it('a region not in the table is priced as default', () => {
    const unknown = computeCost(inputs(cloudfront, { edgeBytesByRegion: { antarctica: 5e9 } }));
    expect(unknown.totalUsd).toBeCloseTo(0.425, 2); // 5 × 0.085
    expect(unknown.totalUsd).toBe(computeCost(inputs(cloudfront, { edgeBytesByRegion: { default: 5e9 } })).totalUsd);
  });

  it('sessions 0 → per-1M and monthly null; no declared volume → monthly null', () => {
    const zero = computeCost(inputs(cloudfront, { edgeBytesByRegion: { default: 1e9 }, sessions: 0, monthlySessions: 1e6 }));
    expect(zero.totalUsd).toBeCloseTo(0.085, 2);
    expect(zero.perMillionSessionsUsd).toBeNull();
    expect(zero.monthlyUsd).toBeNull();
    const undeclared = computeCost(inputs(cloudfront, { edgeBytesByRegion: { default: 1e9 }, sessions: 10 }));
    expect(undeclared.perMillionSessionsUsd).toBeCloseTo(8500, 2); // 0.085 / 10 × 10^6
    expect(undeclared.monthlyUsd).toBeNull();
    expect(undeclared.monthlySessions).toBeNull();
  });

  it('rejects negative or non-finite volumes', () => {
    expect(() => computeCost(inputs(cloudfront, { requests: -1 }))).toThrow(RangeError);
    expect(() => computeCost(inputs(cloudfront, { edgeBytesByRegion: { asia: Number.NaN } }))).toThrow(RangeError);
    expect(() => computeCost(inputs(cloudfront, { monthlySessions: Number.POSITIVE_INFINITY }))).toThrow(RangeError);
  });
});

describe('the five provider profiles', () => {
  const dir = new URL('../../providers/', import.meta.url);
  // The emulated archetypes only; providers/ also holds other kinds (lab engines, multi-CDN compositions).
  const profiles = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()
    .map((f): unknown => parse(readFileSync(new URL(f, dir), 'utf8')))
    .filter((raw) => (raw as { kind?: unknown }).kind === 'emulator')
    .map((raw) => emulatorProfileSchema.parse(raw));

  it('all five price a run and a month', () => {
    expect(profiles.map((p) => p.archetype)).toEqual(['edge-compute', 'edge-optimized', 'multi-cdn', 'regional', 'traditional']);
    for (const p of profiles) {
      const series = p.pops.map((pop, n) => ({ key: { pop: pop.id }, bytes: (n + 1) * 1e9 }));
      const r = computeCost(inputs(p.prices, {
        edgeBytesByRegion: edgeBytesByRegion(series, p.pops), requests: 100_000, originBytes: 1e9, invalidationPaths: 10, sessions: 50, monthlySessions: 1e6,
      }));
      expect(Number.isFinite(r.totalUsd) && r.totalUsd >= 0).toBe(true);
      expect(r.monthlyUsd).toBeGreaterThanOrEqual(r.totalUsd);
    }
  });

  it('edge-optimized: the run costs exactly its origin egress', () => {
    const p = profiles.find((x) => x.archetype === 'edge-optimized');
    if (p === undefined) throw new Error('edge-optimized profile missing');
    const originBytes = 7_654_321_000;
    const r = computeCost(inputs(p.prices, { edgeBytesByRegion: { europe: 40e9, asia: 3e9 }, requests: 2e6, originBytes, invalidationPaths: 300 }));
    // 7.654321 GB × 0.09 = 0.68888889; egress $0/GB, requests $0, purges free
    expect(r.totalUsd).toBe((originBytes / BYTES_PER_GB) * 0.09);
    expect(r.totalUsd).toBeCloseTo(0.68888889, 2);
  });

  it('maps PoPs to their price regions, unknown PoPs to default', () => {
    const pops = [{ id: 'fra', region: 'europe' }, { id: 'sin', region: 'asia' }, { id: 'ams', region: 'europe' }];
    const series = [{ key: { pop: 'fra' }, bytes: 10 }, { key: { pop: 'ams' }, bytes: 5 }, { key: { pop: 'sin' }, bytes: 7 }, { key: { pop: 'xyz' }, bytes: 1 }];
    expect(edgeBytesByRegion(series, pops)).toEqual({ europe: 15, asia: 7, default: 1 });
  });
});
