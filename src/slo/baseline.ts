/**
 * Baseline regression: the same metric measured in this run and in an earlier result file, per
 * provider. A change toward worse (up for latency, down for hit ratio) beyond the bound fails the
 * check and says by how much: "small_object_p95 edge-optimized: 41.2ms → 52.0ms, +26.2% > 10%".
 */
import { UsageError } from '../errors.js';
import type { ProviderResult } from '../result/result-model.js';
import { compare, finalInput } from './evaluate.js';
import { metricDef } from './metric-catalog.js';
import type { MetricRef } from './parse-threshold.js';
import { selectedProviders } from './selected-providers.js';
import { formatValue, type Dimension } from './units.js';

/** One metric of one provider compared with the baseline. */
export interface RegressionOutcome {
  provider: string;
  /** The metric as named (`small_object_p95{class:mapping-tile}`). */
  metric: string;
  dimension: Dimension;
  better: 'lower' | 'higher';
  before: number | null;
  after: number | null;
  /** Relative change (after − before) / before; ±Infinity from a zero baseline; null when not compared. */
  change: number | null;
  /** The change toward worse (positive is worse), compared with the bound. */
  worsening: number | null;
  /** False only when the metric regressed beyond the bound or this run has no figure. */
  pass: boolean;
  /** Why the metric was not compared (no baseline figure, provider not in the baseline); null when compared. */
  skipped: string | null;
  /** One line for tables and logs. */
  message: string;
}

/** "10%" → 0.1, "0.1" → 0.1; a usage error for anything else. */
export function parseRegressionBound(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  const n = m === null ? Number.NaN : Number(m[1]) / (m[2] === '%' ? 100 : 1);
  if (!Number.isFinite(n)) throw new UsageError(`--max-regression takes a percentage like 10% (or a fraction like 0.1), not "${text}"`);
  return n;
}

/** Checks a regression metric names one figure (no `*`), so there is one number to compare per provider. */
export function checkRegressionRef(ref: MetricRef): void {
  if (Object.entries(ref.filters).some(([k, v]) => v === '*' && k !== 'provider')) {
    throw new UsageError(`--regression-metric ${ref.source}: name one value per tag (a * compares nothing in particular)`);
  }
}

function percent(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '+∞%' : '−∞%';
  return `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}%`;
}

function compareOne(ref: MetricRef, current: ProviderResult, base: ProviderResult | undefined, bound: number): RegressionOutcome {
  const def = metricDef(ref.metric);
  if (def === undefined) throw new Error(`unknown metric ${ref.metric}: parseMetricRef admits only catalog metrics`);
  const scope = Object.fromEntries(Object.entries(ref.filters).filter(([k]) => k !== 'provider'));
  const after = def.measure(finalInput(current), scope);
  const before = base === undefined ? null : def.measure(finalInput(base), scope);
  const out = { provider: current.id, metric: ref.source, dimension: def.dimension, better: def.better, before, after, change: null, worsening: null };
  const head = `${ref.source} ${current.id}: ${formatValue(before, def.dimension)} → ${formatValue(after, def.dimension)}`;
  if (base === undefined) return { ...out, pass: true, skipped: 'not in the baseline', message: `${ref.source} ${current.id}: not in the baseline, not compared` };
  if (before === null) return { ...out, pass: true, skipped: 'no baseline figure', message: `${head}: no baseline figure, not compared` };
  if (after === null) return { ...out, pass: false, skipped: null, message: `${head}: no figure in this run` };
  const diff = after - before;
  const change = before === 0 ? (diff === 0 ? 0 : Math.sign(diff) * Infinity) : diff / Math.abs(before);
  const worsening = def.better === 'lower' ? change : -change;
  const pass = compare('<=', worsening, bound);
  const boundText = `${(bound * 100).toFixed(bound * 100 < 1 ? 2 : 0)}%`;
  const verdict = def.better === 'lower'
    ? `${percent(change)} ${pass ? '≤' : '>'} ${boundText}`
    : `${percent(change)} (${worsening > 0 ? `worse by ${percent(worsening).slice(1)}` : 'not worse'} ${pass ? '≤' : '>'} ${boundText})`;
  return { ...out, change, worsening, pass, skipped: null, message: `${head}, ${verdict}` };
}

/** Compares every metric for every provider of this run that the metric's provider filter selects. */
export function compareToBaseline(current: readonly ProviderResult[], baseline: readonly ProviderResult[], refs: readonly MetricRef[], bound: number): RegressionOutcome[] {
  return refs.flatMap((ref) => selectedProviders(ref.filters, current).map((p) => compareOne(ref, p, baseline.find((b) => b.id === p.id), bound)));
}
