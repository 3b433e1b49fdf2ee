/**
 * Cloudflare's list prices (DOMAIN.md §6): self-serve plans charge no egress and no per-request fee, only
 * the plan (Pro $20, Business $200 a month); Enterprise is a contract, so it has no default table (give
 * `prices:` in the profile).
 */
import type { PriceTable } from '../../../profiles/price-schema.js';
import type { CloudflarePlan } from './cloudflare-limits.js';

const PLAN_FEE: Readonly<Record<Exclude<CloudflarePlan, 'enterprise'>, number>> = { free: 0, pro: 20, business: 200 };

/** The default price table of a plan; undefined for Enterprise. */
export function cloudflarePrices(plan: CloudflarePlan): PriceTable | undefined {
  if (plan === 'enterprise') return undefined;
  return {
    currency: 'USD',
    egress: { default: [{ upToGB: null, usdPerGB: 0 }] },
    per10kRequestsUsd: 0,
    originEgressUsdPerGB: 0,
    invalidation: { freePathsPerMonth: 0, usdPerPath: 0 },
    planMonthlyUsd: PLAN_FEE[plan],
    minimumMonthlyUsd: 0,
    source: `Cloudflare ${plan} plan: $0/GB, $0/request, plan $${PLAN_FEE[plan]}/month (DOMAIN.md §6, checked 2026-11-23); origin egress is your origin's bill`,
  };
}
