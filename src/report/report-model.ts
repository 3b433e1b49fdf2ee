/**
 * The report model: everything the HTML, PNG, CSV, Markdown and JSON outputs show, computed once from the
 * result files (build-report.ts). Plain data, so `report.json` is this object as it is.
 */
import type { LatencySummary } from '../result/result-model.js';
import type { CoalescingResult, CostTerms, SteadyCost } from '../result/probe-results.js';
import type { CurvePoint } from './percentile-curve.js';
import type { MetricEstimate, Ranking } from './ranking.js';
import type { TidyRow } from './tidy-rows.js';
import type { VerdictMetricId } from './verdict-metrics.js';
import type { ErrorView } from './error-view.js';
import type { GeneratorHealth } from '../result/result-model.js';

/** Format version of report.json. */
export const REPORT_VERSION = 1;

/** Where one scenario's results came from. */
export interface ScenarioInfo {
  name: string;
  file: string | null;
  sha256: string | null;
  /** Result files merged for this scenario. */
  results: number;
  runIds: string[];
  agents: { name: string; region: string }[];
  startedAt: string;
  endedAt: string;
  durationMs: number;
  engines: string[];
  models: string[];
  cdnbenchVersions: string[];
  nodeVersions: string[];
  hosts: string[];
  gitCommits: string[];
  stopReasons: string[];
  failures: string[];
  smallObjectMaxBytes: number;
  providers: string[];
  /** The load generator's own figures (worst over the merged results); null when not recorded. */
  generator: GeneratorHealth | null;
}

/** A verdict figure with its noise interval and how many results it came from. */
export interface VerdictValue extends MetricEstimate {
  /** Results of this provider merged into the value. */
  runs: number;
}

/** Small-object latency of one provider: percentiles, the HDR curve, and p95 per PoP. */
export interface LatencyView extends LatencySummary {
  scenario: string;
  curve: CurvePoint[];
  perPop: (LatencySummary & { pop: string })[];
  cold: LatencySummary;
  warm: LatencySummary;
}

/** Invalidation propagation of one provider, with the CDF over its (object, PoP) pairs. */
export interface InvalidationView {
  scenario: string;
  strategy: string;
  t50Ms: number | null;
  t95Ms: number | null;
  maxMs: number | null;
  converged: number;
  /** (object, PoP) pairs watched. */
  pairs: number;
  /** How long the prober watched and how often it polled, ms; null in results that predate them. */
  windowMs: number | null;
  intervalMs: number | null;
  /** Kaplan–Meier t95 over every pair; `censored` when fewer than 95 % converged (then a lower bound, the window). */
  censoredT95: { value: number; censored: boolean } | null;
  purgeApiMs: number | null;
  staleReads: number | null;
  /** Fraction of all pairs that served the new version by `ms` (steps at each converged pair). */
  cdf: { ms: number; fraction: number }[];
}

/** Cost of one provider: per 1M sessions and the monthly projection, each split into terms. */
export interface CostView {
  scenario: string;
  totalUsd: number;
  perMillionSessionsUsd: number | null;
  monthlyUsd: number | null;
  monthlySessions: number | null;
  /** The run's terms scaled to 1M sessions; null when the result has no breakdown or no session. */
  perMillionTerms: CostTerms | null;
  monthlyTerms: CostTerms | null;
  /** The projection from the steady state (after warm-up); null when the run declared no warm-up. */
  steady: SteadyCost | null;
  /** Why each zero term of the bill is zero, one sentence per term. */
  zeroTerms: string[];
}

/** Everything the report shows about one provider. */
export interface ProviderReport {
  id: string;
  kind: string;
  dialect: string;
  color: string;
  /** Every PoP it answered from, over all scenarios (names as responses gave them: text from a target). */
  pops: string[];
  /** Verdict metrics; a missing key was not measured. */
  verdict: Partial<Record<VerdictMetricId, VerdictValue>>;
  /** Share of invalidation pairs that converged by the timeout; null when not measured. */
  invalidationConverged: number | null;
  latency: LatencyView | null;
  invalidation: InvalidationView | null;
  coalescing: (CoalescingResult & { scenario: string }) | null;
  cost: CostView | null;
  /** Hit ratio per object class, in the declared class order. */
  hitByClass: { objectClass: string; requests: number; hitRatio: number | null }[];
  /** Errors by class and failed-request latency (from the small-object p95's scenario); null when nothing was requested. */
  errors: ErrorView | null;
  /** Over-time figures; null when the result has no timeline. */
  timeline: TimelineView | null;
}

/** One second of a provider's load, ready to chart. */
export interface TimelineSecond {
  t: number;
  requests: number;
  errors: number;
  hitRatio: number | null;
  smallP50Ms: number | null;
  smallP95Ms: number | null;
}

/** A provider's load over time, with its events (ms after the load started). */
export interface TimelineView {
  scenario: string;
  seconds: TimelineSecond[];
  events: { atMs: number; kind: string; label: string }[];
}

/** The whole report. */
export interface ReportModel {
  reportVersion: typeof REPORT_VERSION;
  title: string;
  generatedAt: string;
  /** "cdnbench <version>". */
  generator: string;
  scenarios: ScenarioInfo[];
  /** Scenario each verdict metric was taken from: the first given that measured it; null when none did. */
  metricSources: Record<VerdictMetricId, string | null>;
  /** Sorted by id. */
  providers: ProviderReport[];
  ranking: Ranking;
  /** One row per scenario × provider × PoP × object class × metric (the CSV). */
  rows: TidyRow[];
  /** Where the figures came from, for the banner and the PNG footers (provenance.ts). */
  provenance: Provenance;
  /** One line per provider run that released a crowd (crowd-lines.ts); absent when none did. */
  crowds?: string[];
}

/** What kind of system was measured, when and how: printed on every page and chart. */
export interface Provenance {
  /** "emulated lab", "real caching engines", "staging", "vendor CDN", or several joined. */
  source: string;
  /** One line: source · date · scenario(s) · duration · agents. */
  line: string;
}
