/**
 * Cloudflare's purge limits per plan, applied per account as token buckets (requests) plus a moving
 * average of URLs per second, and the most operations one request may carry. From "Purge cache"
 * (https://developers.cloudflare.com/cache/how-to/purge-cache/, "purge limits", retrieved 2026-11-23):
 * Free 5 requests/minute (bucket 25), Pro 5/s (25), Business 10/s (50), Enterprise 50/s (500); 100
 * operations per request (Enterprise: 500 URLs); URLs 800/s (Free), 1,500/s (Pro, Business), 3,000/s
 * (Enterprise).
 */

/** Plans with their own purge limits. */
export const CLOUDFLARE_PLANS = ['free', 'pro', 'business', 'enterprise'] as const;

/** A Cloudflare plan. */
export type CloudflarePlan = (typeof CLOUDFLARE_PLANS)[number];

/** The purge limits of one plan. */
export interface CloudflarePurgeLimits {
  /** Request bucket refill. */
  requestsPerSecond: number;
  /** Request bucket size. */
  burst: number;
  /** Sustained URLs per second (Cloudflare averages it; the client allows one second's worth at once). */
  urlsPerSecond: number;
  /** Tags, hosts or prefixes per request. */
  maxOperations: number;
  /** URLs (`files`) per request. */
  maxUrls: number;
}

/** Published limits per plan. */
export const CLOUDFLARE_PURGE_LIMITS: Readonly<Record<CloudflarePlan, CloudflarePurgeLimits>> = {
  free: { requestsPerSecond: 5 / 60, burst: 25, urlsPerSecond: 800, maxOperations: 100, maxUrls: 100 },
  pro: { requestsPerSecond: 5, burst: 25, urlsPerSecond: 1500, maxOperations: 100, maxUrls: 100 },
  business: { requestsPerSecond: 10, burst: 50, urlsPerSecond: 1500, maxOperations: 100, maxUrls: 100 },
  enterprise: { requestsPerSecond: 50, burst: 500, urlsPerSecond: 3000, maxOperations: 100, maxUrls: 500 },
};
