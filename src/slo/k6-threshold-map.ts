/**
 * k6's map-style thresholds — `thresholds: { metric{tags}: ["p(95)<200", "max<1000"] }` — read as
 * cdnbench threshold text, so a k6 user's options block works unchanged in a scenario or SLO file.
 * `p(N)`, `max`, `min`, `avg` and `med` on a latency metric pick its percentile metric (a bare number is
 * milliseconds, as in k6); `rate`, `count` and `value` keep the metric named by the key.
 */
import { K6_METRICS } from './k6-metric-names.js';

// k6's built-in names and the names cdnbench's exported k6 scripts record, as cdnbench metrics.
const ALIASES: Readonly<Record<string, string>> = {
  http_req_duration: 'all_objects',
  http_req_failed: 'error_rate',
  http_reqs: 'requests',
  iterations: 'sessions_started',
  [K6_METRICS.duration]: 'all_objects',
  [K6_METRICS.smallObjectDuration]: 'small_object',
  [K6_METRICS.cacheHit]: 'hit_ratio',
};

const LATENCY_BASES = new Set(['small_object', 'all_objects']);
const EXPRESSION = /^\s*(p\(\s*(\d+(?:\.\d+)?)\s*\)|avg|min|max|med|rate|count|value)?\s*(<=|>=|==|!=|<|>)\s*(\S.*?)\s*$/;

/** The cdnbench threshold text of one k6 expression under a map key; throws Error with the reason. */
export function k6ExpressionToThreshold(key: string, expression: string): string {
  const brace = key.indexOf('{');
  const name = (brace < 0 ? key : key.slice(0, brace)).trim();
  const filters = brace < 0 ? '' : key.slice(brace).trim();
  const metric = ALIASES[name] ?? name;
  const m = EXPRESSION.exec(expression);
  if (m === null) throw new Error(`"${expression}" is not a k6 threshold expression like p(95)<200, rate<0.01 or max<1s`);
  const [, agg = '', pct, op = '', value = ''] = m;
  if (agg === '' || agg === 'rate' || agg === 'count' || agg === 'value') return `${metric}${filters} ${op} ${value}`;
  if (!LATENCY_BASES.has(metric)) {
    throw new Error(`${agg} applies to a latency metric (small_object, all_objects, http_req_duration), not ${name}`);
  }
  // k6 trend thresholds are in milliseconds when no unit is written.
  const withUnit = /^[-+]?[\d.]+(?:[eE][-+]?\d+)?$/.test(value) ? `${value}ms` : value;
  const suffix = pct === undefined ? agg : `p${pct}`;
  return `${metric}_${suffix}${filters} ${op} ${withUnit}`;
}
