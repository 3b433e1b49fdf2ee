/**
 * Fastly's list prices (DOMAIN.md §6, checked 2026-11-23): about $0.12/GB (inferred from Fastly's billing
 * example; sources conflict), $0.0075 per 10k requests, and a $50 monthly minimum.
 */
import type { PriceTable } from '../../../profiles/price-schema.js';

/** The default Fastly price table. */
export const FASTLY_PRICES: PriceTable = {
  currency: 'USD',
  egress: { default: [{ upToGB: null, usdPerGB: 0.12 }] },
  per10kRequestsUsd: 0.0075,
  originEgressUsdPerGB: 0,
  invalidation: { freePathsPerMonth: 0, usdPerPath: 0 },
  planMonthlyUsd: 0,
  minimumMonthlyUsd: 50,
  source: 'Fastly: ~$0.12/GB (inferred from the billing example; sources conflict), $0.0075 per 10k requests, $50/month minimum (DOMAIN.md §6, 2026-11-23); origin egress is your origin\'s bill',
};
