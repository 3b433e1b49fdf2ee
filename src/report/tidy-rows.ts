/**
 * The report's tidy table (one row per scenario × provider × PoP × object class × metric, the unit in its
 * own column): what the CSV holds, for spreadsheets and notebooks. "all" in the PoP or class column marks
 * an aggregate over every PoP or class; latency percentiles are given per PoP × class cell and, from the
 * result's summary, over all of them. Rows come in a fixed order, so the file diffs cleanly.
 */
import type { ProviderResult, SeriesRecord } from '../result/result-model.js';
import { OBJECT_CLASSES } from '../result/sample.js';
import { hitRatioOf } from '../result/summary.js';
import { ERROR_CLASSES, errorBreakdown } from '../result/error-classes.js';
import type { ScenarioGroup } from './result-groups.js';
import { addedLatency, fastSummary } from './series-histograms.js';

/** Units used in the table's `unit` column. */
export type TidyUnit = 'count' | 'bytes' | 'ratio' | 'ms' | 'USD' | 'GB';

/** One row of the tidy table; `value` null = not measured. */
export interface TidyRow {
  scenario: string;
  provider: string;
  pop: string;
  objectClass: string;
  metric: string;
  value: number | null;
  unit: TidyUnit;
}

/** The aggregate marker in the PoP and class columns. */
export const ALL = 'all';

type Emit = (pop: string, objectClass: string, metric: string, value: number | null, unit: TidyUnit) => void;

function errorsOf(series: readonly SeriesRecord[]): number {
  let n = 0;
  for (const s of series) {
    for (const v of Object.values(s.networkErrors)) n += v ?? 0;
    for (const [cls, v] of Object.entries(s.statusClasses)) if (Number.parseInt(cls, 10) >= 4) n += v;
  }
  return n;
}

/** Requests, errors, bytes and hit ratio of a set of series. */
function countRows(series: readonly SeriesRecord[], pop: string, objectClass: string, emit: Emit): void {
  emit(pop, objectClass, 'requests', series.reduce((a, s) => a + s.requests, 0), 'count');
  emit(pop, objectClass, 'errors', errorsOf(series), 'count');
  const e = errorBreakdown(series);
  for (const c of ERROR_CLASSES) emit(pop, objectClass, `errors_${c}`, e.classes[c], 'count');
  emit(pop, objectClass, 'bytes', series.reduce((a, s) => a + s.bytes, 0), 'bytes');
  emit(pop, objectClass, 'hit_ratio', hitRatioOf(series), 'ratio');
}

function latencyRows(l: { p50Ms: number | null; p95Ms: number | null; p99Ms: number | null }, pop: string, objectClass: string, emit: Emit): void {
  emit(pop, objectClass, 'latency_p50', l.p50Ms, 'ms');
  emit(pop, objectClass, 'latency_p95', l.p95Ms, 'ms');
  emit(pop, objectClass, 'latency_p99', l.p99Ms, 'ms');
}

/** Provider-level figures: small-object latency, probes and cost. */
function providerRows(p: ProviderResult, emit: Emit): void {
  const s = p.summary;
  const so = s.smallObject;
  emit(ALL, ALL, 'sessions_started', p.sessions.started, 'count');
  emit(ALL, ALL, 'small_object_p50', so.p50Ms, 'ms');
  emit(ALL, ALL, 'small_object_p95', so.p95Ms, 'ms');
  emit(ALL, ALL, 'small_object_p99', so.p99Ms, 'ms');
  emit(ALL, ALL, 'small_object_max', so.maxMs, 'ms');
  emit(ALL, ALL, 'small_object_cold_p95', so.cold.p95Ms, 'ms');
  emit(ALL, ALL, 'small_object_warm_p95', so.warm.p95Ms, 'ms');
  emit(ALL, ALL, 'error_rate', s.errorRate, 'ratio');
  const inv = s.invalidation;
  if (inv !== null) {
    emit(ALL, ALL, 'invalidation_t50', inv.t50Ms, 'ms');
    emit(ALL, ALL, 'invalidation_t95', inv.t95Ms, 'ms');
    emit(ALL, ALL, 'invalidation_max', inv.maxMs, 'ms');
    emit(ALL, ALL, 'invalidation_converged', inv.converged, 'ratio');
    emit(ALL, ALL, 'purge_api', inv.purgeApiMs, 'ms');
    emit(ALL, ALL, 'stale_reads', inv.staleReads, 'count');
  }
  const c = s.coalescing;
  if (c !== null) {
    emit(ALL, ALL, 'burst_client_requests', c.clientRequests, 'count');
    emit(ALL, ALL, 'burst_origin_fetches', c.originFetches, 'count');
    emit(ALL, ALL, 'burst_ideal_fetches', c.idealFetches, 'count');
    emit(ALL, ALL, 'coalescing_ratio', c.ratio, 'ratio');
    emit(ALL, ALL, 'coalescing_effectiveness', c.effectiveness, 'ratio');
  }
  const cost = s.cost;
  if (cost !== null) {
    emit(ALL, ALL, 'edge_egress', cost.edgeEgressGB, 'GB');
    emit(ALL, ALL, 'origin_egress', cost.originEgressGB, 'GB');
    emit(ALL, ALL, 'cost_run', cost.totalUsd, 'USD');
    emit(ALL, ALL, 'cost_per_1m_sessions', cost.perMillionSessionsUsd, 'USD');
    emit(ALL, ALL, 'cost_monthly', cost.monthlyUsd, 'USD');
    emit(ALL, ALL, 'monthly_sessions', cost.monthlySessions, 'count');
    if (cost.steady !== undefined) {
      emit(ALL, ALL, 'cost_per_1m_sessions_steady', cost.steady.perMillionSessionsUsd, 'USD');
      emit(ALL, ALL, 'cost_monthly_steady', cost.steady.monthlyUsd, 'USD');
    }
  }
}

/** The rows of one provider of one scenario. */
function providerTable(p: ProviderResult, emit: Emit): void {
  providerRows(p, emit);
  countRows(p.series, ALL, ALL, emit);
  latencyRows(p.summary.allObjects, ALL, ALL, emit);
  const classes = OBJECT_CLASSES.filter((c) => p.series.some((s) => s.key.objectClass === c));
  for (const cls of classes) countRows(p.series.filter((s) => s.key.objectClass === cls), ALL, cls, emit);
  for (const pop of [...new Set(p.series.map((s) => s.key.pop))].sort()) {
    const atPop = p.series.filter((s) => s.key.pop === pop);
    countRows(atPop, pop, ALL, emit);
    emit(pop, ALL, 'small_object_p95', p.summary.smallObject.perPop[pop]?.p95Ms ?? null, 'ms');
    for (const cls of classes) {
      const cell = atPop.filter((s) => s.key.objectClass === cls);
      if (cell.length === 0) continue;
      countRows(cell, pop, cls, emit);
      latencyRows(fastSummary(addedLatency(cell)), pop, cls, emit);
    }
  }
}

/** The tidy rows of every scenario group's merged providers (providers sorted by id). */
export function tidyRows(groups: readonly ScenarioGroup[]): TidyRow[] {
  const rows: TidyRow[] = [];
  for (const g of groups) {
    for (const p of [...g.merged.providers].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      providerTable(p, (pop, objectClass, metric, value, unit) => rows.push({ scenario: g.scenario, provider: p.id, pop, objectClass, metric, value, unit }));
    }
  }
  return rows;
}
