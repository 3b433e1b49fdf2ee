/**
 * Every metric a threshold can name: its dimension (which decides the units), which way is better,
 * the tags it can be filtered by, what the scenario must do to produce it, whether it can be watched
 * live (abortOnFail), and how it is measured from a provider's result.
 */
import type { LatencySummary } from '../result/result-model.js';
import type { MeasureInput, Scope, TagName } from './measure-input.js';
import { invalidationFigure, invalidationPops, type InvalidationFigure } from './probe-measures.js';
import { hitRatioOf } from '../result/summary.js';
import { errorCountsOf, latencyOf, seriesInScope, seriesTagValues } from './series-measures.js';
import type { Dimension } from './units.js';

/** What a scenario or provider must offer for a metric to exist. */
export type Requirement = 'invalidation' | 'coalescing' | 'cost' | 'monthly-cost';

/** One metric thresholds can name. */
export interface MetricDef {
  /** One line for reports and exposition HELP. */
  help: string;
  dimension: Dimension;
  /** Which direction is an improvement (baseline regressions go the other way). */
  better: 'lower' | 'higher';
  /** Tags it can be filtered by (every metric also takes `provider`). */
  tags: readonly TagName[];
  /** What must be measured for it to exist; null when every run produces it. */
  requires: Requirement | null;
  /** Measurable from the live series while the run goes on (needed by abortOnFail). */
  live: boolean;
  /** The value in base units for one provider and a concrete scope; null when there is no data. */
  measure(input: MeasureInput, scope: Scope): number | null;
  /** The values of a tag present in the data (restricted to `scope`), for expanding `{tag:*}`. */
  tagValues(input: MeasureInput, tag: TagName, scope: Scope): string[];
}

const SERIES_TAGS: readonly TagName[] = ['pop', 'class', 'cache'];

function seriesMetric(
  base: Omit<MetricDef, 'measure' | 'tagValues' | 'live' | 'requires'>,
  smallOnly: boolean,
  compute: (series: MeasureInput['series']) => number | null,
): MetricDef {
  const select = (input: MeasureInput, scope: Scope): MeasureInput['series'] =>
    input.series.filter((s) => (!smallOnly || s.key.size === 'small') && seriesInScope(s, scope));
  return {
    ...base,
    requires: null,
    live: true,
    measure: (input, scope) => compute(select(input, scope)),
    tagValues: (input, tag, scope) => seriesTagValues(select(input, scope), tag),
  };
}

type LatencyField = keyof Omit<LatencySummary, 'count'>;
const PICKS: readonly [string, LatencyField][] = [['p50', 'p50Ms'], ['p95', 'p95Ms'], ['p99', 'p99Ms'], ['max', 'maxMs']];

function latencyMetrics(prefix: string, what: string, smallOnly: boolean): Record<string, MetricDef> {
  return Object.fromEntries(
    PICKS.map(([suffix, field]) => [
      `${prefix}_${suffix}`,
      seriesMetric({ help: `${suffix} latency of ${what} (intended start to last byte)`, dimension: 'time', better: 'lower', tags: SERIES_TAGS }, smallOnly, (s) => latencyOf(s)[field]),
    ]),
  );
}

function invalidationMetric(figure: InvalidationFigure, help: string): MetricDef {
  const converged = figure === 'converged';
  return {
    help, dimension: converged ? 'ratio' : 'time', better: converged ? 'higher' : 'lower', tags: ['pop'], requires: 'invalidation', live: false,
    measure: (input, scope) => invalidationFigure(input, scope, figure),
    tagValues: (input) => invalidationPops(input),
  };
}

function summaryMetric(
  base: Pick<MetricDef, 'help' | 'dimension' | 'better' | 'requires'>,
  read: (input: MeasureInput) => number | null | undefined,
): MetricDef {
  return { ...base, tags: [], live: false, measure: (input) => read(input) ?? null, tagValues: () => [] };
}

/** The metric registry, by name (README "Scheduled SLO checks" lists it). */
export const METRICS = {
  ...latencyMetrics('small_object', 'small objects (body ≤ smallObjectMaxBytes)', true),
  ...latencyMetrics('all_objects', 'every response', false),
  hit_ratio: seriesMetric({ help: 'responses served from cache / responses with a known cache state', dimension: 'ratio', better: 'higher', tags: ['pop', 'class'] }, false, hitRatioOf),
  error_rate: seriesMetric({ help: 'network errors and responses ≥ 400 / exchanges', dimension: 'ratio', better: 'lower', tags: SERIES_TAGS }, false, (s) => {
    const c = errorCountsOf(s);
    return c.requests === 0 ? null : c.errors / c.requests;
  }),
  requests: seriesMetric({ help: 'exchanges sent', dimension: 'count', better: 'higher', tags: SERIES_TAGS }, false, (s) => errorCountsOf(s).requests),
  errors: seriesMetric({ help: 'network errors and responses ≥ 400', dimension: 'count', better: 'lower', tags: SERIES_TAGS }, false, (s) => errorCountsOf(s).errors),
  sessions_started: summaryMetric({ help: 'sessions started', dimension: 'count', better: 'higher', requires: null }, (i) => i.sessions?.started),
  sessions_late: summaryMetric({ help: 'sessions that started late (open model)', dimension: 'count', better: 'lower', requires: null }, (i) => i.sessions?.late),
  sessions_dropped: summaryMetric({ help: 'sessions the run ended before (open model)', dimension: 'count', better: 'lower', requires: null }, (i) => i.sessions?.dropped),
  invalidation_t50: invalidationMetric('t50', 'invalidation call to first fresh response, median over (object, PoP)'),
  invalidation_t95: invalidationMetric('t95', 'invalidation call to first fresh response, 95th percentile over (object, PoP)'),
  invalidation_max: invalidationMetric('max', 'invalidation call to first fresh response, slowest (object, PoP)'),
  invalidation_converged: invalidationMetric('converged', 'share of (object, PoP) pairs serving the new version by the timeout'),
  invalidation_purge_api: summaryMetric({ help: 'wall time of the invalidation API call', dimension: 'time', better: 'lower', requires: 'invalidation' }, (i) => i.summary?.invalidation?.purgeApiMs),
  invalidation_stale_reads: summaryMetric({ help: 'reader responses with the old version after the purge was acknowledged', dimension: 'count', better: 'lower', requires: 'invalidation' }, (i) => i.summary?.invalidation?.staleReads),
  coalescing_ratio: summaryMetric({ help: 'origin fetches / ideal fetches in bursts (1 is perfect)', dimension: 'count', better: 'lower', requires: 'coalescing' }, (i) => i.summary?.coalescing?.ratio),
  coalescing_effectiveness: summaryMetric({ help: '1 − (origin fetches − ideal) / (client requests − ideal)', dimension: 'ratio', better: 'higher', requires: 'coalescing' }, (i) => i.summary?.coalescing?.effectiveness),
  coalescing_origin_fetches: summaryMetric({ help: 'origin fetches during bursts', dimension: 'count', better: 'lower', requires: 'coalescing' }, (i) => i.summary?.coalescing?.originFetches),
  cost_total: summaryMetric({ help: 'cost of the run', dimension: 'usd', better: 'lower', requires: 'cost' }, (i) => i.summary?.cost?.totalUsd),
  cost_per_million_sessions: summaryMetric({ help: 'cost per million sessions', dimension: 'usd', better: 'lower', requires: 'cost' }, (i) => i.summary?.cost?.perMillionSessionsUsd),
  cost_monthly: summaryMetric({ help: 'projected monthly cost at the declared sessions per month', dimension: 'usd', better: 'lower', requires: 'monthly-cost' }, (i) => i.summary?.cost?.monthlyUsd),
} satisfies Record<string, MetricDef>;

/** A metric's definition, or undefined for an unknown name. */
export function metricDef(name: string): MetricDef | undefined {
  return Object.hasOwn(METRICS, name) ? (METRICS as Record<string, MetricDef>)[name] : undefined;
}

/** Every metric name, in registry order. */
export const METRIC_NAMES: readonly string[] = Object.keys(METRICS);
