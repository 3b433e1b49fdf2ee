/**
 * Bunny CDN standard network list prices (DOMAIN.md §6, checked 2026-11-23): per GB by region — Europe and
 * North America $0.01, Asia and Oceania $0.03, South America $0.045, Middle East and Africa $0.06; no
 * request fee. Map PoPs to these regions with the profile's `popRegions` (`DE: default`, `SG: asia`, …).
 */
import type { PriceTable } from '../../../profiles/price-schema.js';

/** The default Bunny price table. */
export const BUNNY_PRICES: PriceTable = {
  currency: 'USD',
  egress: {
    default: [{ upToGB: null, usdPerGB: 0.01 }],
    asia: [{ upToGB: null, usdPerGB: 0.03 }],
    oceania: [{ upToGB: null, usdPerGB: 0.03 }],
    'south-america': [{ upToGB: null, usdPerGB: 0.045 }],
    'middle-east': [{ upToGB: null, usdPerGB: 0.06 }],
    africa: [{ upToGB: null, usdPerGB: 0.06 }],
  },
  per10kRequestsUsd: 0,
  originEgressUsdPerGB: 0,
  invalidation: { freePathsPerMonth: 0, usdPerPath: 0 },
  planMonthlyUsd: 0,
  minimumMonthlyUsd: 0,
  source: 'Bunny standard network: EU/NA $0.01, Asia/Oceania $0.03, S. America $0.045, ME/Africa $0.06 per GB, no request fee (DOMAIN.md §6, 2026-11-23)',
};
