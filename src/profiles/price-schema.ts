/**
 * Price tables in provider profiles (DOMAIN.md §6): regional per-GB egress tiers, per-10k request
 * fees, origin egress, invalidation path fees with a free allowance, and plan base fees. Every table
 * cites its source and date in the profile's `sources`.
 */
import { z } from 'zod';

/** Per-GB price for traffic up to `upToGB` in a month (null = no upper bound). */
const tier = z.strictObject({ upToGB: z.number().positive().nullable(), usdPerGB: z.number().nonnegative() });

/** A provider's price table. */
export const priceTableSchema = z.strictObject({
  currency: z.literal('USD').default('USD'),
  /** Egress tiers by region name; `default` applies to PoPs whose region is not listed. */
  egress: z.record(z.string(), z.array(tier).min(1)).refine((r) => 'default' in r, { message: 'needs a default region' }),
  /** Fee per 10,000 requests (HTTPS). */
  per10kRequestsUsd: z.number().nonnegative().default(0),
  /** Origin → CDN (or origin → internet) egress, per GB. */
  originEgressUsdPerGB: z.number().nonnegative().default(0),
  /** Invalidation: free paths per month, then a fee per path. */
  invalidation: z.strictObject({ freePathsPerMonth: z.number().int().nonnegative().default(0), usdPerPath: z.number().nonnegative().default(0) }).default({ freePathsPerMonth: 0, usdPerPath: 0 }),
  /** Fixed plan fee per month (e.g. Cloudflare Pro $20). */
  planMonthlyUsd: z.number().nonnegative().default(0),
  /** Minimum monthly bill (e.g. Fastly $50). */
  minimumMonthlyUsd: z.number().nonnegative().default(0),
  /** Where each figure comes from, with the date it was checked. */
  source: z.string().min(1),
});

/** A validated price table. */
export type PriceTable = z.output<typeof priceTableSchema>;
