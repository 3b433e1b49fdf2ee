/**
 * Google Cloud CDN list prices (DOMAIN.md §6, checked 2026-11-23): $0.08/GB to North America (0–10 TiB),
 * $0.0075 per 10k requests, cache fill $0.01/GiB within NA/EU (priced as origin egress here).
 */
import type { PriceTable } from '../../../profiles/price-schema.js';

/** The default Cloud CDN price table. */
export const GOOGLE_CLOUD_CDN_PRICES: PriceTable = {
  currency: 'USD',
  egress: { default: [{ upToGB: 10_995, usdPerGB: 0.08 }, { upToGB: null, usdPerGB: 0.055 }] },
  per10kRequestsUsd: 0.0075,
  originEgressUsdPerGB: 0.01,
  invalidation: { freePathsPerMonth: 0, usdPerPath: 0 },
  planMonthlyUsd: 0,
  minimumMonthlyUsd: 0,
  source: 'Google Cloud CDN: $0.08/GB NA 0–10 TiB, $0.0075 per 10k requests, cache fill $0.01/GiB NA/EU (DOMAIN.md §6, 2026-11-23); tiers past 10 TiB illustrative',
};
