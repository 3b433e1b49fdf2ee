/**
 * The five headline metrics of the verdict table and the ranking (issue 6): a plain typed registry, so the
 * HTML, Markdown, CSV and the ranking agree on names, units and which direction is better.
 */

/** How a metric's values compare. */
export type Better = 'lower' | 'higher';

/** Display unit of a metric's value. */
export type MetricUnit = 'ms' | 'ratio' | 'usd';

/** What the report needs to know about one verdict metric. */
export interface VerdictMetricDef {
  /** Column heading. */
  label: string;
  /** Short name for sentences ("small-object p95"). */
  noun: string;
  unit: MetricUnit;
  better: Better;
}

/** The verdict metrics, in column order. */
export const VERDICT_METRICS = {
  'small-p95': { label: 'Small-object p95', noun: 'small-object p95', unit: 'ms', better: 'lower' },
  'hit-ratio': { label: 'Hit ratio', noun: 'hit ratio', unit: 'ratio', better: 'higher' },
  'invalidation-t95': { label: 'Invalidation t95', noun: 'invalidation t95', unit: 'ms', better: 'lower' },
  'coalescing-ratio': { label: 'Coalescing (origin/ideal)', noun: 'coalescing ratio', unit: 'ratio', better: 'lower' },
  'cost-per-1m': { label: 'Cost per 1M sessions', noun: 'cost per 1M sessions', unit: 'usd', better: 'lower' },
} as const satisfies Record<string, VerdictMetricDef>;

/** The id of a verdict metric. */
export type VerdictMetricId = keyof typeof VERDICT_METRICS;

/** Every verdict metric id, in column order. */
export const VERDICT_METRIC_IDS = Object.keys(VERDICT_METRICS) as VerdictMetricId[];

/** Type guard for a verdict metric id (command-line weights name them). */
export function isVerdictMetricId(v: string): v is VerdictMetricId {
  return Object.hasOwn(VERDICT_METRICS, v);
}

/** True when `a` is better than `b` for a metric that is `better`. */
export function isBetter(better: Better, a: number, b: number): boolean {
  return better === 'lower' ? a < b : a > b;
}
