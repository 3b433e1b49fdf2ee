/**
 * Exact merge of result files from several agents (or runs of one scenario): counters are summed and
 * histograms added bucket by bucket, then summaries are recomputed, so merged percentiles equal those
 * of one histogram fed every sample.
 */
import { InvalidConfigError } from '../errors.js';
import { SeriesMerger } from './merge-series.js';
import { mergeTimelines } from './merge-timelines.js';
import { RESULT_SCHEMA_VERSION } from './result-model.js';
import type { ProviderResult, ProviderTimeline, RunMeta, RunResult, SessionCounters, ProviderSummary } from './result-model.js';
import { summarizeProvider } from './summary.js';
import { mergeCoalescing, mergeCost, mergeInvalidation } from './merge-probes.js';
import { mergeMultiCdn } from './multi-cdn-summary.js';
import type { GeneratorHealth } from './result-model.js';
import { combineGeneratorHealth } from './generator-summary.js';

interface ProviderAcc {
  first: ProviderResult;
  pops: Set<string>;
  sessions: SessionCounters;
  series: SeriesMerger;
  /** Each input's summary, for the probe results that cannot be recomputed from series. */
  summaries: ProviderSummary[];
  /** Each input's timeline (absent ones skipped). */
  timelines: ProviderTimeline[];
}

function sumInto<K extends string>(target: Partial<Record<K, number>>, source: Partial<Record<K, number>>): void {
  for (const [k, n] of Object.entries(source) as [K, number | undefined][]) target[k] = (target[k] ?? 0) + (n ?? 0);
}

function requireEqual(what: string, values: readonly string[]): void {
  const distinct = [...new Set(values)];
  if (distinct.length > 1) {
    throw new InvalidConfigError(`cannot merge results of different ${what}: ${distinct.join(', ')}`, [], 'INVALID_RESULT');
  }
}

function mergeMeta(results: readonly RunResult[]): RunMeta {
  const [head] = results;
  if (head === undefined) throw new InvalidConfigError('nothing to merge: no result given', [], 'INVALID_RESULT');
  const metas = results.map((r) => r.meta);
  // A single result is returned as it is: nothing was merged, so its id and measured duration stand.
  if (metas.length === 1) return { ...head.meta, agents: [...head.meta.agents], scenario: { ...head.meta.scenario } };
  const byTime = (pick: (m: RunMeta) => string, better: (a: number, b: number) => boolean): string =>
    metas.map(pick).reduce((a, b) => (better(Date.parse(b), Date.parse(a)) ? b : a));
  const startedAt = byTime((m) => m.startedAt, (a, b) => a < b);
  const endedAt = byTime((m) => m.endedAt, (a, b) => a > b);
  const notCompleted = metas.find((m) => m.stopReason !== 'completed');
  return {
    ...head.meta,
    runId: `merged-${head.meta.runId}`,
    scenario: { ...head.meta.scenario },
    agents: metas.flatMap((m) => m.agents.map((a) => ({ ...a }))),
    startedAt,
    endedAt,
    durationMs: Math.max(0, Date.parse(endedAt) - Date.parse(startedAt)),
    stopReason: notCompleted?.stopReason ?? 'completed',
    failure: notCompleted?.failure ?? metas.find((m) => m.failure !== null)?.failure ?? null,
    ...mergedGenerator(metas),
  };
}

/**
 * Merges results of the same scenario exactly. Providers are matched by id and series by their full
 * key (region included, so agents stay apart); counters and session counters are summed, histograms
 * added, PoPs unioned and summaries recomputed. Meta: agents concatenated, earliest start, latest end,
 * durationMs = that span, runId `merged-<first runId>`, stopReason 'completed' only if all completed.
 * A single result comes back equal to itself. Throws InvalidConfigError (INVALID_RESULT) when the
 * scenario names or smallObjectMaxBytes differ, or when no result is given.
 */
export function mergeResults(results: readonly RunResult[]): RunResult {
  const meta = mergeMeta(results);
  requireEqual('scenarios', results.map((r) => r.meta.scenario.name));
  requireEqual('smallObjectMaxBytes', results.map((r) => String(r.meta.smallObjectMaxBytes)));

  const providers = new Map<string, ProviderAcc>();
  for (const result of results) {
    for (const p of result.providers) {
      let acc = providers.get(p.id);
      if (acc === undefined) {
        acc = { first: p, pops: new Set(), sessions: { ...p.sessions }, series: new SeriesMerger(), summaries: [], timelines: [] };
        providers.set(p.id, acc);
      } else {
        sumInto<keyof SessionCounters>(acc.sessions, p.sessions);
      }
      acc.summaries.push(p.summary);
      if (p.timeline !== undefined) acc.timelines.push(p.timeline);
      for (const pop of p.pops) acc.pops.add(pop);
      for (const s of p.series) acc.series.add(s);
    }
  }

  const merged: ProviderResult[] = [...providers.values()].map((acc) => {
    const series = acc.series.records();
    const timeline = mergeTimelines(acc.timelines);
    return {
      id: acc.first.id,
      kind: acc.first.kind,
      dialect: acc.first.dialect,
      pops: [...acc.pops],
      sessions: acc.sessions,
      summary: {
        ...summarizeProvider(series),
        invalidation: mergeInvalidation(acc.summaries.map((x) => x.invalidation)),
        coalescing: mergeCoalescing(acc.summaries.map((x) => x.coalescing)),
        cost: mergeCost(acc.summaries.map((x) => x.cost), acc.sessions.started),
        purges: acc.summaries.flatMap((x) => x.purges),
        ...multiCdnOf(acc.summaries),
      },
      series,
      ...(timeline === null ? {} : { timeline }),
    };
  });
  return { schemaVersion: RESULT_SCHEMA_VERSION, meta, providers: merged };
}

/** The merged routing figures of a multi-CDN provider; absent (not null) for every other provider. */
function multiCdnOf(summaries: readonly ProviderSummary[]): Pick<ProviderSummary, 'multiCdn'> {
  const m = mergeMultiCdn(summaries.map((x) => x.multiCdn));
  return m === null ? {} : { multiCdn: m };
}

/** The merged agents' generator figures (absent when none has them). */
function mergedGenerator(metas: readonly RunMeta[]): { generator?: GeneratorHealth } {
  const g = combineGeneratorHealth(metas.flatMap((m) => (m.generator === undefined ? [] : [m.generator])));
  return g === undefined ? {} : { generator: g };
}
