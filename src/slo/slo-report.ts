/**
 * The verdict of one run: every threshold per provider, every baseline comparison, and whether an
 * abortOnFail threshold stopped the run. Every output (table, JUnit, OpenMetrics, Markdown) renders this.
 */
import type { RunResult } from '../result/result-model.js';
import type { RegressionOutcome } from './baseline.js';
import { evaluateThresholds, type ScopedValue, type ThresholdOutcome } from './evaluate.js';
import { selectedProviders } from './selected-providers.js';
import type { Threshold } from './threshold.js';
import { formatValue } from './units.js';

/** The SLO verdict of a run. */
export interface SloReport {
  scenario: string;
  runId: string;
  /** When the run ended (ISO), for JUnit timestamps. */
  endedAt: string;
  durationMs: number;
  outcomes: ThresholdOutcome[];
  regressions: RegressionOutcome[];
  /** The abortOnFail threshold's reason when one stopped the run; null otherwise. */
  aborted: string | null;
  /** The run's own failure (no provider answered, …); null when it ran. */
  runFailure: string | null;
  /** Providers some threshold selects that the run never reached (it stopped early). */
  notRun: string[];
  /** Checks (threshold × provider, and regressions compared) that failed. */
  failed: number;
  /** Checks made. */
  total: number;
  /** True when every check passed and nothing stopped the run. */
  pass: boolean;
}

/** What the report is built from. */
export interface SloReportInput {
  result: RunResult;
  thresholds: readonly Threshold[];
  regressions: readonly RegressionOutcome[];
  /** The abortOnFail reason when one stopped the run. */
  aborted: string | null;
  /** Every provider the run was to load, in order (a stopped run reaches only some). */
  planned: readonly string[];
}

/** Evaluates thresholds over a result and assembles the report with the baseline comparisons. */
export function buildSloReport({ result, thresholds, regressions, aborted, planned }: SloReportInput): SloReport {
  const outcomes = evaluateThresholds(thresholds, result.providers);
  const ran = new Set(result.providers.map((p) => p.id));
  const wanted = new Set(thresholds.flatMap((t) => selectedProviders(t.filters, planned.map((id) => ({ id }))).map((p) => p.id)));
  // Checked against the plan: a threshold on a provider the run never reached has no verdict, so it fails the check.
  const notRun = planned.filter((id) => wanted.has(id) && !ran.has(id));
  const failed = outcomes.filter((o) => !o.pass).length + regressions.filter((r) => !r.pass).length;
  const runFailure = result.meta.stopReason === 'failed' ? result.meta.failure : null;
  return {
    scenario: result.meta.scenario.name,
    runId: result.meta.runId,
    endedAt: result.meta.endedAt,
    durationMs: result.meta.durationMs,
    outcomes,
    regressions: [...regressions],
    aborted,
    runFailure,
    notRun,
    failed,
    total: outcomes.length + regressions.filter((r) => r.skipped === null).length,
    pass: failed === 0 && aborted === null && notRun.length === 0,
  };
}

/** `pop:FRA, class:mapping-tile`; empty for an unscoped value. */
export function scopeText(scope: Readonly<Record<string, string>>): string {
  return Object.entries(scope).map(([k, v]) => `${k}:${v}`).join(', ');
}

function valueText(o: ThresholdOutcome, v: ScopedValue): string {
  const s = scopeText(v.scope);
  return s === '' ? formatValue(v.value, o.dimension) : `${formatValue(v.value, o.dimension)} (${s})`;
}

/** The measured figure a table shows: the worst value, with its scope and how many were measured. */
export function measuredText(o: ThresholdOutcome): string {
  if (o.worst === null) return 'no data';
  const base = valueText(o, o.worst);
  return o.values.length > 1 ? `${base.replace(/\)$/, '')}, worst of ${o.values.length})` : base;
}

/** Every measured value, one per line: what JUnit bodies and details show. */
export function valuesText(o: ThresholdOutcome): string {
  if (o.values.length === 0) return 'no data: nothing to measure for these filters';
  return o.values.map((v) => `${v.pass ? 'pass' : 'FAIL'}  ${valueText(o, v)}`).join('\n');
}

/** The bound as written in base units, for messages: "< 50.0ms". */
export function boundText(o: ThresholdOutcome): string {
  return `${o.threshold.op} ${formatValue(o.threshold.value, o.dimension)}`;
}

/** pass, FAIL, or FAIL 2/4 when some of several scoped values failed. */
export function verdictText(o: ThresholdOutcome): string {
  if (o.pass) return 'pass';
  const failing = o.values.filter((v) => !v.pass).length;
  return o.values.length > 1 ? `FAIL ${failing}/${o.values.length}` : 'FAIL';
}
