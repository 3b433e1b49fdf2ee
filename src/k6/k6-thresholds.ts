/**
 * Scenario thresholds (`small_object_p95{pop:fra} < 50ms`, parsed by the SLO module) as k6 `thresholds`
 * options over the metrics the exported script records (k6-metric-names.ts). What k6 cannot evaluate —
 * invalidation, coalescing and cost are measured by cdnbench's probes, not by requests — comes back in
 * `unsupported` with a reason, so the export can list it in the script and warn instead of dropping it.
 */
import { CACHE_STATUSES, OBJECT_CLASSES } from '../result/sample.js';
import { K6_METRICS } from '../slo/k6-metric-names.js';
import type { Threshold } from '../slo/threshold.js';

/** One parsed threshold: the SLO parser's own type (values in ms for times, ratios 0..1 for percentages). */
export type K6ThresholdInput = Threshold;

/** One k6 threshold expression, plain or with abortOnFail. */
export type K6ThresholdEntry = string | { threshold: string; abortOnFail: boolean };

/** The k6 `thresholds` option and what could not be expressed. */
export interface K6ThresholdsOutcome {
  thresholds: Record<string, K6ThresholdEntry[]>;
  unsupported: { source: string; reason: string }[];
}

/** Options of the translation. */
export interface K6ThresholdOptions {
  /** PoP names `{pop:*}` expands to (k6 has no per-tag wildcard). */
  pops?: readonly string[];
}

const LATENCY_METRICS: Readonly<Record<string, string>> = {
  small_object: K6_METRICS.smallObjectDuration,
  all_objects: K6_METRICS.duration,
  latency: K6_METRICS.duration,
  ttfb: K6_METRICS.waiting,
};

const TAG_OF_FILTER: Readonly<Record<string, string>> = {
  pop: 'pop',
  class: 'object_class',
  object_class: 'object_class',
  objectClass: 'object_class',
  cache: 'cache_status',
  cache_status: 'cache_status',
};

const NOT_REQUEST_METRICS = /^(invalidation|coalescing|cost)_/;

/** The k6 metric and aggregation of a threshold metric name, or the reason there is none. */
function target(metric: string, filters: Record<string, string>): { metric: string; agg: string } | string {
  if (NOT_REQUEST_METRICS.test(metric)) return 'measured by cdnbench\'s probes, not by k6 requests';
  if (metric === 'hit_ratio') return { metric: K6_METRICS.cacheHit, agg: 'rate' };
  if (metric === 'requests') return { metric: 'http_reqs', agg: 'count' };
  if (metric === 'error_rate') {
    // http_req_failed carries only the tags set before the request (object_class), not pop or cache.
    const other = Object.keys(filters).filter((k) => TAG_OF_FILTER[k] !== 'object_class');
    return other.length === 0 ? { metric: 'http_req_failed', agg: 'rate' } : `error_rate filtered by ${other.join(', ')}: http_req_failed knows only tags set before the response`;
  }
  const m = /^([a-z_]+?)_(p(\d+(?:\.\d+)?)|max|min|avg|med)$/.exec(metric);
  const k6Metric = m?.[1] === undefined ? undefined : LATENCY_METRICS[m[1]];
  if (m === null || k6Metric === undefined) return `unknown metric ${metric}`;
  return { metric: k6Metric, agg: m[3] === undefined ? (m[2] ?? '') : `p(${m[3]})` };
}

/** Every tag set a filter map stands for: wildcards expanded, keys renamed to the script's tags. */
function tagSets(filters: Record<string, string>, pops: readonly string[]): Record<string, string>[] | string {
  let sets: Record<string, string>[] = [{}];
  for (const [key, value] of Object.entries(filters)) {
    const tag = TAG_OF_FILTER[key];
    if (tag === undefined) return `filter ${key} is not a tag of the exported script (pop, class, cache)`;
    let values = [value];
    if (value === '*') {
      values = tag === 'pop' ? [...pops] : tag === 'object_class' ? [...OBJECT_CLASSES] : [...CACHE_STATUSES];
      if (values.length === 0) return `{${key}:*} needs the PoP names (export --pop NAME…): k6 has no per-tag wildcard`;
    }
    // The script tags cache states in capitals, and cdnbench's warm/cold groups as the warmth tag.
    const named = (v: string): [string, string] =>
      tag !== 'cache_status' ? [tag, v] : v.toLowerCase() === 'warm' || v.toLowerCase() === 'cold' ? ['warmth', v.toLowerCase()] : [tag, v.toUpperCase()];
    sets = sets.flatMap((s) => values.map((v) => Object.fromEntries([...Object.entries(s), named(v)])));
  }
  return sets;
}

function submetric(metric: string, tags: Record<string, string>): string {
  const parts = Object.entries(tags).map(([k, v]) => `${k}:${v}`);
  return parts.length === 0 ? metric : `${metric}{${parts.join(',')}}`;
}

/** Translates thresholds into k6's `thresholds` option; nothing is dropped without a reason. */
export function toK6Thresholds(list: readonly K6ThresholdInput[], options: K6ThresholdOptions = {}): K6ThresholdsOutcome {
  const thresholds: Record<string, K6ThresholdEntry[]> = {};
  const unsupported: { source: string; reason: string }[] = [];
  for (const t of list) {
    const where = target(t.metric, t.filters);
    if (typeof where === 'string') {
      unsupported.push({ source: t.source, reason: where });
      continue;
    }
    const sets = tagSets(t.filters, options.pops ?? []);
    if (typeof sets === 'string') {
      unsupported.push({ source: t.source, reason: sets });
      continue;
    }
    const expression = `${where.agg}${t.op}${t.value}`;
    const entry: K6ThresholdEntry = t.abortOnFail ? { threshold: expression, abortOnFail: true } : expression;
    for (const tags of sets) (thresholds[submetric(where.metric, tags)] ??= []).push(entry);
  }
  return { thresholds, unsupported };
}
