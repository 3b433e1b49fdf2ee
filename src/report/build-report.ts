/**
 * Builds the report model from result files: groups them by scenario and merges each group exactly, takes
 * every verdict metric from the first scenario (in the order given) that measured it, and ranks the
 * providers. Deterministic for given inputs and `now`.
 */
import { crowdLines } from './crowd-lines.js';
import type { ProviderResult, RunResult } from '../result/result-model.js';
import { VERSION } from '../util/package-root.js';
import { censoredT95, smallObjectHistogram, verdictValue } from './metric-estimates.js';
import { providerColor } from './provider-colors.js';
import { costView, hitByClass, invalidationView, latencyView } from './provider-views.js';
import { rankProviders, type RankingInput } from './ranking.js';
import { DEFAULT_WEIGHTS, type RankingWeights } from './ranking-weights.js';
import { REPORT_VERSION, type ProviderReport, type ReportModel, type ScenarioInfo } from './report-model.js';
import { groupResults, type ScenarioGroup } from './result-groups.js';
import { tidyRows } from './tidy-rows.js';
import { errorClassNote, errorView } from './error-view.js';
import { provenance } from './provenance.js';
import { timelineView } from './timeline-view.js';
import { DEFAULT_ERROR_BUDGET } from './ranking.js';
import { VERDICT_METRIC_IDS, type VerdictMetricId } from './verdict-metrics.js';

/** Options of a report. */
export interface ReportOptions {
  weights?: RankingWeights;
  /** Report title; default "CDN comparison: <scenarios>". */
  title?: string;
  /** The generation time printed in the report (fixed in golden tests); default now. */
  now?: Date;
  /** Error budget of the eligibility gate (0..1); default the results' scenario setting, else 1 %. */
  errorBudget?: number;
}

const distinct = (xs: readonly (string | null)[]): string[] => [...new Set(xs.filter((x): x is string => x !== null && x !== ''))];

function scenarioInfo(g: ScenarioGroup): ScenarioInfo {
  const metas = g.inputs.map((r) => r.meta);
  const m = g.merged.meta;
  return {
    name: g.scenario, file: m.scenario.file, sha256: m.scenario.sha256, results: g.inputs.length,
    runIds: metas.map((x) => x.runId), agents: m.agents, startedAt: m.startedAt, endedAt: m.endedAt, durationMs: m.durationMs,
    engines: distinct(metas.map((x) => x.engine)), models: distinct(metas.map((x) => x.model)),
    cdnbenchVersions: distinct(metas.map((x) => x.cdnbenchVersion)), nodeVersions: distinct(metas.map((x) => x.nodeVersion)),
    hosts: distinct(metas.map((x) => x.host)), gitCommits: distinct(metas.map((x) => x.gitCommit)),
    stopReasons: distinct(metas.map((x) => x.stopReason)), failures: distinct(metas.map((x) => x.failure)),
    smallObjectMaxBytes: m.smallObjectMaxBytes, providers: g.merged.providers.map((p) => p.id).sort(),
    generator: m.generator ?? null,
  };
}

/** Whether provider `p` has a value for `metric` (source selection only needs presence). */
function measures(metric: VerdictMetricId, p: ProviderResult): boolean {
  const s = p.summary;
  switch (metric) {
    case 'small-p95':
      return s.smallObject.p95Ms !== null;
    case 'error-rate':
      return s.requests > 0;
    case 'hit-ratio':
      return s.hitRatio !== null;
    case 'invalidation-t95':
      return s.invalidation !== null && censoredT95(s.invalidation) !== null;
    case 'coalescing-ratio':
      return s.coalescing?.ratio != null;
    case 'cost-per-1m':
      return s.cost?.perMillionSessionsUsd != null;
  }
}

function metricSources(groups: readonly ScenarioGroup[]): Record<VerdictMetricId, ScenarioGroup | null> {
  const out = {} as Record<VerdictMetricId, ScenarioGroup | null>;
  for (const m of VERDICT_METRIC_IDS) out[m] = groups.find((g) => g.merged.providers.some((p) => measures(m, p))) ?? null;
  return out;
}

function providerReport(id: string, index: number, groups: readonly ScenarioGroup[], sources: Record<VerdictMetricId, ScenarioGroup | null>): ProviderReport {
  const from = (m: VerdictMetricId): { g: ScenarioGroup; p: ProviderResult } | null => {
    const g = sources[m];
    const p = g?.merged.providers.find((x) => x.id === id);
    return g === null || p === undefined ? null : { g, p };
  };
  const lat = from('small-p95');
  const small = lat === null ? null : smallObjectHistogram(lat.p);
  const verdict: ProviderReport['verdict'] = {};
  for (const m of VERDICT_METRIC_IDS) {
    const src = from(m);
    const v = src === null ? null : verdictValue(m, src.p, src.g.runsByProvider.get(id) ?? [src.p], m === 'small-p95' ? small : null);
    if (v !== null) verdict[m] = v;
  }
  const inv = from('invalidation-t95');
  const coal = from('coalescing-ratio');
  const cost = from('cost-per-1m');
  const hit = from('hit-ratio');
  const first = lat ?? hit ?? inv ?? coal ?? cost;
  return {
    id, kind: first?.p.kind ?? '', dialect: first?.p.dialect ?? '', color: providerColor(index),
    pops: [...new Set(groups.flatMap((g) => g.merged.providers.filter((p) => p.id === id).flatMap((p) => p.series.map((s) => s.key.pop))))].sort(),
    verdict,
    invalidationConverged: inv?.p.summary.invalidation?.converged ?? null,
    latency: lat === null || small === null ? null : latencyView(lat.g.scenario, lat.p, small),
    invalidation: inv === null ? null : invalidationView(inv.g.scenario, inv.p),
    coalescing: coal?.p.summary.coalescing ? { ...coal.p.summary.coalescing, scenario: coal.g.scenario } : null,
    cost: cost === null ? null : costView(cost.g.scenario, cost.p),
    hitByClass: hit === null ? [] : hitByClass(hit.p),
    errors: lat === null ? null : errorView(lat.g.scenario, lat.p),
    timeline: lat === null ? null : timelineView(lat.g.scenario, lat.p),
  };
}

/** The report model of `results` (see the module comment). Throws InvalidConfigError when a scenario's results cannot be merged. */
export function buildReport(results: readonly RunResult[], options: ReportOptions = {}): ReportModel {
  const groups = groupResults(results);
  const sources = metricSources(groups);
  const ids = [...new Set(groups.flatMap((g) => g.merged.providers.map((p) => p.id)))].sort();
  const providers = ids.map((id, i) => providerReport(id, i, groups, sources));
  const inputs: RankingInput[] = providers.map((p) => ({ id: p.id, metrics: p.verdict, ...(p.errors === null ? {} : { errorNote: errorClassNote(p.errors) }) }));
  const errorBudget = options.errorBudget ?? results.find((r) => r.meta.verdict?.errorBudget !== undefined)?.meta.verdict?.errorBudget ?? DEFAULT_ERROR_BUDGET;
  const scenarios = groups.map(scenarioInfo);
  const sourceNames = {} as Record<VerdictMetricId, string | null>;
  for (const m of VERDICT_METRIC_IDS) sourceNames[m] = sources[m]?.scenario ?? null;
  return {
    reportVersion: REPORT_VERSION,
    title: options.title ?? `CDN comparison: ${groups.map((g) => g.scenario).join(' + ') || 'no results'}`,
    generatedAt: (options.now ?? new Date()).toISOString(),
    generator: `cdnbench ${VERSION}`,
    scenarios,
    metricSources: sourceNames,
    providers,
    ranking: rankProviders(inputs, options.weights ?? DEFAULT_WEIGHTS, { errorBudget }),
    rows: tidyRows(groups),
    provenance: provenance(providers.map((p) => p.kind), scenarios),
    // From the inputs: a merge recomputes summaries from the series, and the crowd's figures are not in them.
    ...crowdsOf(results),
  };
}

function crowdsOf(results: readonly RunResult[]): Pick<ReportModel, 'crowds'> {
  const lines = crowdLines(results.flatMap((r) => r.providers));
  return lines.length === 0 ? {} : { crowds: lines };
}
