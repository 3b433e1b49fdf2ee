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
  /**
   * How a value scores against the best: `ratio` best÷value (value÷best when higher is better); `complement`
   * (1−value)÷(1−best), for a rate where 0 is the best and 0.1 is not ten times worse than 0.01.
   */
  scoring: 'ratio' | 'complement';
}

/** The verdict metrics, in column order. */
export const VERDICT_METRICS = {
  'small-p95': { label: 'Small-object p95', noun: 'small-object p95', unit: 'ms', better: 'lower', scoring: 'ratio' },
  'error-rate': { label: 'Error rate', noun: 'error rate', unit: 'ratio', better: 'lower', scoring: 'complement' },
  'hit-ratio': { label: 'Hit ratio', noun: 'hit ratio', unit: 'ratio', better: 'higher', scoring: 'ratio' },
  'invalidation-t95': { label: 'Invalidation t95', noun: 'invalidation t95', unit: 'ms', better: 'lower', scoring: 'ratio' },
  'coalescing-ratio': { label: 'Coalescing (origin/ideal)', noun: 'coalescing ratio', unit: 'ratio', better: 'lower', scoring: 'ratio' },
  'cost-per-1m': { label: 'Cost per 1M sessions', noun: 'cost per 1M sessions', unit: 'usd', better: 'lower', scoring: 'ratio' },
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
