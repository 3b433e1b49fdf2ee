/**
 * The result file (`result.json`, schema version 1): what a run measured, mergeable across agents.
 *
 * Histograms are stored compressed (HdrHistogram base64) so results of many agents merge exactly;
 * `summary` blocks are derived from the series and recomputed after a merge.
 */
import type { CoalescingResult, CostResult, InvalidationResult } from './probe-results.js';
import type { RegionSummary } from './region-summary.js';
import type { CacheStatus, ErrorKind, ObjectClass } from './sample.js';
import type { MultiCdnSummary } from './multi-cdn-summary.js';
import type { CrowdResult } from './crowd-result.js';

/** The result file's schema version; bump on incompatible changes. */
export const RESULT_SCHEMA_VERSION = 1;

/** Whether a response body counted as a small object (≤ smallObjectMaxBytes). */
export type SizeBucket = 'small' | 'large';

/** The dimensions one series is kept for. */
export interface SeriesKey {
  provider: string;
  pop: string;
  objectClass: ObjectClass;
  cache: CacheStatus;
  size: SizeBucket;
  /** Which agent region recorded it (set by `--region`, kept apart by merge); "" when none. */
  region: string;
}

/** Counters and histograms of one series. */
export interface SeriesRecord {
  key: SeriesKey;
  /** Exchanges (responses plus network errors). */
  requests: number;
  /** Responses by status class: "2xx", "3xx", "4xx", "5xx". */
  statusClasses: Record<string, number>;
  /** Network errors by kind (no response). */
  networkErrors: Partial<Record<ErrorKind, number>>;
  /** Bytes on the wire to the client (status line + headers + body). */
  bytes: number;
  /** Body bytes. */
  bodyBytes: number;
  /** Total latency (intended start → last byte), µs, compressed HdrHistogram; responses only. */
  latency: string;
  /** Time to first byte (intended start → first byte), µs. */
  ttfb: string;
  /** Service time (socket write → last byte), µs: what an uncorrected closed-loop tool would show. */
  service: string;
  /**
   * Total latency of the responses with status ≥ 400 (already inside `latency`), µs; absent when the series
   * had none or the result predates it. Lets a report show failed-request latency apart from the successes.
   */
  failedLatency?: string;
}

/** Percentiles of one histogram, in milliseconds. */
export interface LatencySummary {
  count: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

/** Requests and bytes of one object class. */
export interface ClassSummary {
  requests: number;
  bytes: number;
  hitRatio: number | null;
}

/** One invalidation a run asked a provider for, and what its API answered (a failed purge is recorded, never fatal). */
export interface PurgeRecord {
  /** When it was asked, ms after the provider's load started. */
  atMs: number;
  /** What was asked: URL paths, tags, everything. */
  urls: number;
  tags: number;
  all: boolean;
  /** The provider's API accepted it (and, for CloudFront waiting for completion, reported it Completed). */
  ok: boolean;
  /** Time the provider's API took to accept it, ms. */
  apiMs: number;
  /** API calls (batches, polls) and attempts (retries included); null when the provider does not count them. */
  calls: number | null;
  attempts: number | null;
  /** Until the provider reported the invalidation complete (CloudFront), ms; null when it does not say. */
  completedMs: number | null;
  /** The provider's id of the invalidation. */
  id: string | null;
  /** One line when ok is false; never holds a credential. */
  error: string | null;
  /** Exactly what was asked, template variables filled (scenario paths; absent in older results). */
  asked?: { urls: string[]; tags: string[] };
}

/** The documented summary of one provider's run (README "Result file"). */
export interface ProviderSummary {
  /**
   * Latency of small objects (body ≤ smallObjectMaxBytes, any class), all cache states; per PoP; and split
   * into cold (MISS, EXPIRED, REVALIDATED, BYPASS: the origin was asked) and warm (HIT, STALE, UPDATING).
   */
  smallObject: LatencySummary & { perPop: Record<string, LatencySummary>; cold: LatencySummary; warm: LatencySummary };
  /** Latency of every response. */
  allObjects: LatencySummary;
  /** Hits / responses with a known cache state (HIT+STALE+UPDATING count as served from cache); null if none known. */
  hitRatio: number | null;
  /** Exchanges sent. */
  requests: number;
  /** Network errors plus responses with status ≥ 400. */
  errors: number;
  /** errors / requests (0 when no request). */
  errorRate: number;
  /** Bytes on the wire to the client. */
  bytes: number;
  /** Per object class. */
  byClass: Partial<Record<ObjectClass, ClassSummary>>;
  /** Network errors by kind across all series. */
  networkErrors: Partial<Record<ErrorKind, number>>;
  /** Invalidation propagation; null when the scenario measures none. */
  invalidation: InvalidationResult | null;
  /** Request coalescing on bursts; null when the scenario has no burst. */
  coalescing: CoalescingResult | null;
  /** Egress cost; null when the provider has no price table. */
  cost: CostResult | null;
  /** Per agent region (`--region`), next to the totals above; absent when no series names a region. */
  byRegion?: Record<string, RegionSummary>;
  /** Every purge the run asked for (scenario purge events and rollout invalidations), in order. */
  purges: PurgeRecord[];
  /** Routing of a multi-CDN provider (steering, hedging, failover and what they cost); absent for others. */
  multiCdn?: MultiCdnSummary | null;
  /** How the scenario's crowd was released (send spread, late sends, memory, bottleneck); absent without a crowd. */
  crowd?: CrowdResult;
}

/** Session accounting of the executor; late and dropped sessions are counted, never hidden. */
export interface SessionCounters {
  /** Sessions the plan scheduled (open) or VU iterations started (closed). */
  planned: number;
  started: number;
  completed: number;
  /** Open model: sessions that started later than their intended arrival (by more than the lateness tolerance). */
  late: number;
  /** Open model: sessions never started because the run ended first. */
  dropped: number;
  /** Requests delayed by the scenario's maxRate cap. */
  throttledRequests: number;
  /** Requests in flight cut by a hard stop (maxDuration, a signal, an abortOnFail threshold); not samples. */
  abortedRequests: number;
}

/** One second of a provider's load (by completion time), for the report's over-time charts. */
export interface TimelinePoint {
  /** Seconds since the provider's first request was due. */
  t: number;
  requests: number;
  /** Errors by class (error-classes.ts), aborted requests left out. */
  errors: number;
  /** Responses served from cache, and responses with a known cache state (the hit ratio's terms). */
  hits: number;
  known: number;
  /** Bytes on the wire to clients. */
  bytes: number;
  /** Body bytes of responses the origin was asked for (MISS, EXPIRED, REVALIDATED, BYPASS). */
  coldBodyBytes: number;
  /** Small-object latency of successful responses (status < 400) in this second, compressed HdrHistogram, µs. */
  small: string;
}

/** Something that happened during a provider's load, marked on the over-time charts. */
export interface TimelineEvent {
  /** ms after the provider's first request was due. */
  atMs: number;
  kind: 'phase' | 'purge' | 'publish' | 'event';
  label: string;
}

/** The per-second view of a provider's load; merged results add the points of the same second exactly. */
export interface ProviderTimeline {
  /** Epoch ms of second 0 (the first request's intended start). */
  startedAt: number;
  points: TimelinePoint[];
  events: TimelineEvent[];
}

/** What one provider measured in a run. */
export interface ProviderResult {
  id: string;
  /** Adapter kind (target, emulator, lab engine, CDN name). */
  kind: string;
  /** Header dialect used to normalize cache status. */
  dialect: string;
  pops: string[];
  sessions: SessionCounters;
  summary: ProviderSummary;
  series: SeriesRecord[];
  /** Per-second figures (issue 15); absent in results written before it, or by engines that do not record it. */
  timeline?: ProviderTimeline;
}

/** Why a run stopped. */
export type StopReason = 'completed' | 'max-duration' | 'max-requests' | 'interrupted' | 'failed' | 'aborted-by-threshold';

/** Where and how a run happened. */
export interface RunMeta {
  runId: string;
  scenario: { name: string; file: string | null; sha256: string | null };
  engine: string;
  model: 'open' | 'closed';
  cdnbenchVersion: string;
  nodeVersion: string;
  gitCommit: string | null;
  host: string;
  /** Agents whose results were merged into this one (one entry for a single run). */
  agents: { name: string; region: string }[];
  startedAt: string;
  endedAt: string;
  durationMs: number;
  stopReason: StopReason;
  /** One-line reason when the run failed, was interrupted or was stopped by an abortOnFail threshold. */
  failure: string | null;
  /** Body-size bound for small objects, bytes. */
  smallObjectMaxBytes: number;
  /** Quick-run flags (--duration, --rate, --vus, --max-requests) that replaced the scenario's values; absent when none. */
  overrides?: Partial<Record<'duration' | 'vus' | 'rate' | 'maxRequests', string | number>>;
  /** Seed of the arrival schedule and session draws, the same for every provider (absent in older results). */
  scheduleSeed?: number;
  /** How the load generator itself kept up, worst over the providers' loads (absent in older and ingested results). */
  generator?: GeneratorHealth;
  /**
   * Per provider: the threads its load ran on (--workers) and a digest of the sessions it drew, equal for
   * every worker count when the same sessions ran (absent in older and ingested results).
   */
  schedule?: Record<string, { workers: number; sessions: number; sessionDigest: string }>;
  /** The scenario's verdict settings (error budget, declared warm-up); absent when it sets none. */
  verdict?: VerdictSettings;
}

/** The load generator's own figures over a load: when they are bad, latencies include its queueing. */
export interface GeneratorHealth {
  /** Longest event-loop stall above the 10 ms sampling resolution, ms. */
  loopLagMaxMs: number;
  /** 99th percentile of event-loop lag, ms. */
  loopLagP99Ms: number;
  /** Process CPU (user + system) over wall time, % of one core. */
  cpuPercent: number;
  /** Sessions that started later than their intended arrival by more than the tolerance. */
  lateSessions: number;
  /** Sessions started. */
  startedSessions: number;
  /** The machine's 1-minute load average at the end of the load, and its logical cores: other processes' share. */
  loadAverage: number;
  cores: number;
  /** One line per reason the generator may have been the bottleneck; empty when it kept up. */
  warnings: string[];
}

/** Settings of the provider-selection verdict a scenario declares (`verdict:` in the scenario file). */
export interface VerdictSettings {
  /** Highest error rate (0..1) a provider may have and still be recommended. */
  errorBudget?: number;
  /** ms from the start of each provider's load that count as warm-up (excluded from the steady-state cost). */
  warmUpMs?: number;
}

/** The whole result file. */
export interface RunResult {
  schemaVersion: typeof RESULT_SCHEMA_VERSION;
  meta: RunMeta;
  providers: ProviderResult[];
}
