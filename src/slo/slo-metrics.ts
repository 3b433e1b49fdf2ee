/**
 * The figures a scheduler keeps from a run, as metric families: each provider's headline metrics, every
 * figure a threshold or baseline measured (with its PoP/class/cache labels), each threshold's verdict,
 * the baseline changes and the run's identity. Times in seconds, ratios 0..1, costs in USD.
 */
import type { RunResult } from '../result/result-model.js';
import type { MetricFamily } from './exposition.js';
import { finalInput } from './evaluate.js';
import { metricDef } from './metric-catalog.js';
import type { SloReport } from './slo-report.js';
import type { Dimension } from './units.js';

/** Metrics exported for every provider that measured them, thresholds or not. */
export const HEADLINE_METRICS: readonly string[] = [
  'small_object_p50', 'small_object_p95', 'small_object_p99', 'small_object_max', 'hit_ratio', 'error_rate', 'requests', 'errors',
  'sessions_started', 'sessions_late', 'sessions_dropped', 'invalidation_t50', 'invalidation_t95', 'invalidation_converged',
  'coalescing_ratio', 'coalescing_effectiveness', 'cost_total', 'cost_per_million_sessions', 'cost_monthly',
];

const UNIT: Readonly<Record<Dimension, string>> = { time: 'seconds', ratio: 'ratio', usd: 'usd', count: '' };

/** The exposition name of a catalog metric: cdnbench_small_object_p95_seconds, cdnbench_hit_ratio. */
export function familyName(metric: string, dimension: Dimension): string {
  const unit = UNIT[dimension];
  return `cdnbench_${metric}${unit === '' || metric.endsWith(`_${unit}`) ? '' : `_${unit}`}`;
}

/** A base-unit value in its exposition unit: ms → s, rounded to the µs the histograms hold (no 0.049023000000000004). */
function exposed(value: number, dimension: Dimension): number {
  return dimension === 'time' && Number.isFinite(value) ? Math.round(value * 1000) / 1e6 : value;
}

class Families {
  private readonly byName = new Map<string, MetricFamily>();
  private readonly seen = new Set<string>();

  add(name: string, unit: string, help: string, labels: Record<string, string>, value: number, type: MetricFamily['type'] = 'gauge'): void {
    const key = `${name}\u0000${JSON.stringify(Object.entries(labels).sort())}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    let f = this.byName.get(name);
    if (f === undefined) {
      f = { name, type, unit, help, samples: [] };
      this.byName.set(name, f);
    }
    f.samples.push({ labels, value });
  }

  metric(metric: string, labels: Record<string, string>, value: number | null): void {
    const def = metricDef(metric);
    if (def === undefined || value === null) return;
    this.add(familyName(metric, def.dimension), UNIT[def.dimension], def.help, labels, exposed(value, def.dimension));
  }

  list(): MetricFamily[] {
    return [...this.byName.values()];
  }
}

/** The families of a run and its SLO report. */
export function sloMetricFamilies(result: RunResult, report: SloReport | null): MetricFamily[] {
  const f = new Families();
  const scenario = result.meta.scenario.name;
  const endSeconds = Date.parse(result.meta.endedAt) / 1000;
  f.add('cdnbench_run', '', 'the run these figures come from', {
    scenario, run_id: result.meta.runId, version: result.meta.cdnbenchVersion, stop_reason: result.meta.stopReason,
  }, 1, 'info');
  f.add('cdnbench_run_end_timestamp_seconds', 'seconds', 'when the run ended (Unix time)', { scenario }, endSeconds);
  f.add('cdnbench_run_duration_seconds', 'seconds', 'how long the run took', { scenario }, result.meta.durationMs / 1000);
  for (const p of result.providers) {
    for (const metric of HEADLINE_METRICS) f.metric(metric, { scenario, provider: p.id }, metricDef(metric)?.measure(finalInput(p), {}) ?? null);
  }
  if (report === null) return f.list();
  for (const o of report.outcomes) {
    for (const v of o.values) f.metric(o.threshold.metric, { scenario, provider: o.provider, ...v.scope }, v.value);
  }
  for (const o of report.outcomes) {
    f.add('cdnbench_slo_threshold_pass', '', '1 when the threshold passed for the provider (every scoped value), else 0', { scenario, provider: o.provider, threshold: o.threshold.source }, o.pass ? 1 : 0);
  }
  for (const g of report.regressions) {
    if (g.change === null) continue;
    f.add('cdnbench_baseline_change_ratio', 'ratio', 'relative change against the baseline result ((now − before) / before)', { scenario, provider: g.provider, metric: g.metric }, g.change);
    f.add('cdnbench_baseline_pass', '', '1 when the metric did not regress beyond --max-regression, else 0', { scenario, provider: g.provider, metric: g.metric }, g.pass ? 1 : 0);
  }
  f.add('cdnbench_slo_checks', '', 'checks made (threshold × provider, baseline comparisons)', { scenario }, report.total);
  f.add('cdnbench_slo_checks_failed', '', 'checks that failed', { scenario }, report.failed);
  f.add('cdnbench_slo_pass', '', '1 when every check passed and nothing stopped the run, else 0', { scenario }, report.pass ? 1 : 0);
  return f.list();
}
