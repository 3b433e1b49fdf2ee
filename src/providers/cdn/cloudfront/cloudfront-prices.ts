/**
 * CloudFront list prices (DOMAIN.md §6, checked 2026-11-23): $0.085/GB for the first 10 TB to North
 * America/Europe, $0.0100 per 10k HTTPS requests, and invalidation paths — 1,000 a month free, then $0.005
 * per path (a wildcard path counts as one). Other regions' tiers are illustrative, as in the lab profile.
 */
import type { PriceTable } from '../../../profiles/price-schema.js';

/** The default CloudFront price table. */
export const CLOUDFRONT_PRICES: PriceTable = {
  currency: 'USD',
  egress: {
    default: [{ upToGB: 10_240, usdPerGB: 0.085 }, { upToGB: null, usdPerGB: 0.08 }],
    'south-america': [{ upToGB: 10_240, usdPerGB: 0.11 }, { upToGB: null, usdPerGB: 0.105 }],
    asia: [{ upToGB: 10_240, usdPerGB: 0.114 }, { upToGB: null, usdPerGB: 0.089 }],
  },
  per10kRequestsUsd: 0.01,
  originEgressUsdPerGB: 0,
  invalidation: { freePathsPerMonth: 1000, usdPerPath: 0.005 },
  planMonthlyUsd: 0,
  minimumMonthlyUsd: 0,
  source: 'CloudFront: $0.085/GB NA/EU first 10 TB, $0.0100 per 10k HTTPS requests, 1,000 invalidation paths/month free then $0.005/path (DOMAIN.md §6, 2026-11-23); non-NA/EU tiers illustrative',
};
