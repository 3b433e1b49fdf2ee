/**
 * The measurements beyond latency that a result's summary carries (DOMAIN.md §2): invalidation
 * propagation, request coalescing and egress cost. Null in a summary means "not measured by this
 * scenario", never a made-up number.
 */

/** One (object, PoP) pair the invalidation prober watched. */
export interface PropagationPoint {
  object: string;
  pop: string;
  /** Invalidation call → first fresh response, ms; null when not converged by the timeout. */
  ms: number | null;
}

/** Invalidation propagation (CDN Planet's purge-speed method). */
export interface InvalidationResult {
  t50Ms: number | null;
  t95Ms: number | null;
  maxMs: number | null;
  /** Fraction of (object, PoP) pairs that served the new version by the timeout, 0..1. */
  converged: number;
  objects: number;
  pops: number;
  /** Wall time of the provider's invalidation API call(s), ms; null when no purge was issued (versioned URLs). */
  purgeApiMs: number | null;
  /** Responses to ordinary readers, after the purge was acknowledged, that carried the old version; null when no readers were watched. */
  staleReads: number | null;
  /** How the new version was published: purge-url, purge-tag, purge-all, versioned-url. */
  strategy: string;
  /** Every watched pair, kept so results of several agents merge exactly. */
  points: PropagationPoint[];
  /** How the measurement was made; absent in results written before it was recorded. */
  measurement?: InvalidationMeasurement;
  /** The figures of each PoP over its objects (with `measurement`). */
  perPop?: PropagationGroup[];
  /** The figures of each object over the PoPs (with `measurement`). */
  perObject?: PropagationGroup[];
  /** How long the prober watched (a pair not converged by then is censored at it), ms; absent in older results. */
  windowMs?: number;
  /** Polling interval of the prober, ms; absent in older results. */
  intervalMs?: number;
}

/** The settings and inputs of an invalidation measurement, recorded so a result says what it measured. */
export interface InvalidationMeasurement {
  /** version: a new validator/body (content changed); refetch: MISS/EXPIRED, a restarted Age or a new validator. */
  method: 'version' | 'refetch';
  intervalMs: number;
  timeoutMs: number;
  /** Unix epoch ms of t0, the invalidation call (points are ms after it); null when it was never reached. */
  startedAt: number | null;
  /** Exactly what was purged (URLs as the provider was asked, tags, all); null when nothing was (versioned URLs). */
  purged: { urls: string[]; tags: string[]; all: boolean } | null;
  /** Scenario paths the profile's publish hook was asked to change; absent without one. */
  published?: string[];
}

/** Propagation figures of one PoP (over its objects) or one object (over the PoPs). */
export interface PropagationGroup {
  /** The PoP id or the object path. */
  id: string;
  t50Ms: number | null;
  t95Ms: number | null;
  maxMs: number | null;
  converged: number;
}

/** Request coalescing on bursts of requests for uncached objects. */
export interface CoalescingResult {
  clientRequests: number;
  originFetches: number;
  /** One fetch per object per PoP (per shield when there is one). */
  idealFetches: number;
  /** originFetches / idealFetches (1.00 is perfect). */
  ratio: number | null;
  /** 1 − (originFetches − ideal) / (clientRequests − ideal); null when clientRequests = ideal. */
  effectiveness: number | null;
  /** exact: counted by cdnbench's own origin; estimated: from cache-status headers (RFC 9211 collapsed). */
  method: 'exact' | 'estimated';
}

/** Egress cost of a run from a provider's price table. */
export interface CostResult {
  edgeEgressGB: number;
  originEgressGB: number;
  requests: number;
  invalidationPaths: number;
  /** Cost of the run itself, USD (plan fees prorated to the run's duration are not included). */
  totalUsd: number;
  perMillionSessionsUsd: number | null;
  /** Projection for a month at `monthlySessions`, including plan fees and minimums. */
  monthlyUsd: number | null;
  monthlySessions: number | null;
  /**
   * The same bills split into their terms, USD (what a stacked cost chart shows). Optional: results written
   * before it was added lack it; `monthly` is null when there is no projection.
   */
  breakdown?: { run: CostTerms; monthly: CostTerms | null };
  /**
   * The same projection from the steady state only (issue 15): volumes after the declared warm-up, scaled to
   * sessions by the run's requests per session. Absent when the run declared no warm-up or recorded no timeline.
   */
  steady?: SteadyCost;
}

/** A cost projection from the load after warm-up. */
export interface SteadyCost {
  /** Where the steady state starts, ms after the provider's load started. */
  fromMs: number;
  /** Volumes counted after `fromMs`. */
  requests: number;
  edgeBytes: number;
  /** Origin bytes attributed to the steady state (the run's origin bytes × its share of cold-response body bytes). */
  originBytes: number;
  /** steady requests ÷ the run's requests per session. */
  sessionsEquivalent: number;
  perMillionSessionsUsd: number | null;
  monthlyUsd: number | null;
  monthlyTerms: CostTerms | null;
}

/** One bill split into its terms, USD; their sum is the bill's total. */
export interface CostTerms {
  edgeUsd: number;
  requestsUsd: number;
  originUsd: number;
  invalidationUsd: number;
  /** Plan fee (monthly bills only; 0 in a run's bill). */
  planUsd: number;
  /** Added to reach the provider's monthly minimum (monthly bills only). */
  minimumTopUpUsd: number;
}
