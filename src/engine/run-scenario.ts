/**
 * Runs a compiled plan against every provider in turn (sequentially, so providers never share the
 * generator's CPU) and assembles the result file. Whatever happens — a provider that fails to start,
 * SIGINT — the result of what ran so far is returned, marked with why it stopped.
 */
import { hostname } from 'node:os';
import { Catalog } from '../catalog/catalog.js';
import { describeError } from '../errors.js';
import { Recorder } from '../result/recorder.js';
import type { SampleSink } from '../result/sample.js';
import type { CrowdResult } from '../result/crowd-result.js';
import { summarizeProvider } from '../result/summary.js';
import { RESULT_SCHEMA_VERSION, type GeneratorHealth, type ProviderResult, type ProviderTimeline, type PurgeRecord, type RunMeta, type RunResult, type SessionCounters, type StopReason } from '../result/result-model.js';
import { isOriginCounted, isPriced, isRoutingReporter, isStartable, type ProviderAdapter } from '../providers/adapter.js';
import { providerCost } from '../probes/provider-cost.js';
import type { CoalescingResult, InvalidationResult } from '../result/probe-results.js';
import type { LoadedScenario } from '../scenario/loader.js';
import type { Plan } from '../scenario/compile-plan.js';
import { VERSION } from '../util/package-root.js';
import { gitCommit } from '../util/run-info.js';
import type { EngineId } from './engines.js';
import { runProvider } from './run-provider.js';
import { PreflightFailedError } from './load-preflight.js';
import { timelineEvents, warmUpMs } from './timeline-events.js';
import { parseDuration } from '../util/duration.js';
import { combineGeneratorHealth } from '../result/generator-summary.js';
import { mergeSeriesLists } from '../result/merge-series.js';
import { mergeTimelines } from '../result/merge-timelines.js';
import { singleThreadReason } from './workers/worker-plan.js';
import type { WorkerPart } from './workers/worker-pool.js';

/** Inputs of a whole run. */
export interface RunScenarioOptions {
  loaded: LoadedScenario;
  plan: Plan;
  providers: readonly ProviderAdapter[];
  runId: string;
  signal: AbortSignal;
  agent?: { name: string; region: string };
  log(line: string): void;
  /** Extra sinks (progress, probes) fed every sample besides the recorder. */
  sinks?: readonly SampleSink[];
  /** Sessions per month for the cost projection (--monthly-sessions or the scenario's cost.monthlySessions). */
  monthlySessions?: number | null;
  /** Load engine; default builtin (checked against the plan by the caller). */
  engine?: EngineId;
  /** Called when a provider starts, so progress can say which. */
  onProviderStart?(provider: ProviderAdapter, recorder: Recorder): void;
  /** Live threshold check (abortOnFail): a returned reason stops the whole run, marked aborted-by-threshold. */
  abortCheck?: LiveAbortCheck;
  /** Probe the first paths on every PoP before each provider's load (exit 104 when most fail); default off. */
  preflight?: boolean;
  /** Quick-run flags that replaced scenario values, kept in meta.overrides. */
  overrides?: RunMeta['overrides'];
  /** Filled with a builder of the result so far, for a write that cannot wait for the run to stop. */
  snapshot?: ResultSnapshot;
  /** Load worker threads (--workers); `explicit` logs why a load stays on one thread. Default 1. */
  workers?: { count: number; explicit: boolean };
}

/** Builds, synchronously and at any moment, the result of what ran so far (marked interrupted). */
export interface ResultSnapshot {
  build: (() => RunResult) | null;
}

/** The failure line of a run stopped by `signal`: its reason names the signal when the CLI aborted it. */
function interruptedText(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return typeof reason === 'string' ? `interrupted by ${reason}` : 'interrupted';
}

/** Polled every intervalMs during each provider's load; returns why the run must stop, or null. */
export interface LiveAbortCheck {
  intervalMs: number;
  check(providerId: string, recorder: Recorder, elapsedMs: number): string | null;
}

/** A finished (or stopped) run: the result, and the one-line failure reason if the run failed. */
export interface RunOutcome {
  result: RunResult;
  failure: string | null;
  /** "<provider>: <reason>" when an abortOnFail threshold stopped the run; null otherwise. */
  aborted: string | null;
  /** Set when a provider's preflight failed: the run stopped there (exit 104 after the result is written). */
  preflight: PreflightFailedError | null;
}

const EMPTY_COUNTERS: SessionCounters = { planned: 0, started: 0, completed: 0, late: 0, dropped: 0, throttledRequests: 0, abortedRequests: 0 };

/** Runs the plan against each provider and returns the result (partial when stopped early). */
export async function runScenario(o: RunScenarioOptions): Promise<RunOutcome> {
  const { plan, loaded } = o;
  const startedAt = new Date();
  const smallObjectMaxBytes = plan.scenario.smallObjectMaxBytes;
  const recorder = new Recorder({ smallObjectMaxBytes, region: o.agent?.region ?? '' });
  const sink: SampleSink = o.sinks && o.sinks.length > 0
    ? { add: (s) => { recorder.add(s); for (const k of o.sinks ?? []) k.add(s); } }
    : recorder;
  const catalog = Catalog.create(plan.scenario.catalog);
  const scheduleSeed = plan.scenario.load.seed ?? plan.scenario.catalog.seed;
  const providers: ProviderResult[] = [];
  const failures: string[] = [];
  let stopReason: StopReason = 'completed';
  let aborted: string | null = null;
  let preflight: PreflightFailedError | null = null;
  const declared = plan.scenario.verdict?.warmUp;
  const warmUp = warmUpMs(plan, declared === undefined ? null : (parseDuration(declared) ?? null));
  const health: GeneratorHealth[] = [];
  const schedule: NonNullable<RunMeta['schedule']> = {};
  const metaOf = (stop: StopReason, failure: string | null, endedAt: Date): RunMeta => ({
    runId: o.runId,
    scenario: { name: plan.scenario.name, file: loaded.file, sha256: loaded.sha256 },
    engine: o.engine ?? 'builtin',
    model: plan.model,
    scheduleSeed,
    cdnbenchVersion: VERSION,
    nodeVersion: process.version,
    gitCommit: gitCommit(),
    host: hostname(),
    agents: [o.agent ?? { name: hostname(), region: '' }],
    startedAt: startedAt.toISOString(),
    endedAt: endedAt.toISOString(),
    durationMs: endedAt.getTime() - startedAt.getTime(),
    stopReason: stop,
    failure,
    smallObjectMaxBytes,
    ...(o.overrides !== undefined && Object.keys(o.overrides).length > 0 ? { overrides: o.overrides } : {}),
    ...withGenerator(combineGeneratorHealth(health)),
    ...(Object.keys(schedule).length === 0 ? {} : { schedule }),
    ...verdictSettings(plan.scenario.verdict?.errorBudget, warmUp),
  });
  // The provider under load and its live counters, for a snapshot taken before it has finished.
  let current: { id: string; kind: string; dialect: string; counters: SessionCounters } | null = null;
  if (o.snapshot !== undefined) {
    o.snapshot.build = () => {
      const partial: ProviderResult[] = [];
      if (current !== null) {
        const series = recorder.seriesFor(current.id);
        const summary = { ...summarizeProvider(series), invalidation: null, coalescing: null, purges: [] };
        const { id, kind, dialect, counters } = current;
        partial.push({ id, kind, dialect, pops: [...new Set(series.map((x) => x.key.pop))].sort(), sessions: { ...counters }, summary, series });
      }
      const failure = `${interruptedText(o.signal)}; written before the run had stopped`;
      return { schemaVersion: RESULT_SCHEMA_VERSION, meta: metaOf('interrupted', failure, new Date()), providers: [...providers, ...partial] };
    };
  }

  for (const provider of o.providers) {
    if (o.signal.aborted || aborted !== null || preflight !== null) break;
    let counters = EMPTY_COUNTERS;
    let originBytes: number | null = null;
    let invalidationPaths = 0;
    let invalidation: InvalidationResult | null = null;
    let coalescing: CoalescingResult | null = null;
    let purges: PurgeRecord[] = [];
    let crowd: CrowdResult | null = null;
    let parts: WorkerPart[] = [];
    o.onProviderStart?.(provider, recorder);
    const workers = workerCount(o, plan, provider);
    const liveCounters: SessionCounters = { ...EMPTY_COUNTERS };
    current = { id: provider.id, kind: provider.kind, dialect: provider.dialect.id, counters: liveCounters };
    try {
      if (isStartable(provider)) await provider.start({ signal: o.signal, log: o.log, catalog: plan.scenario.catalog });
      const live = o.abortCheck;
      const outcome = await runProvider({
        plan, provider, catalog, sink, runId: o.runId, seed: plan.scenario.catalog.seed, scheduleSeed,
        userAgent: `cdnbench/${VERSION}`, signal: o.signal, log: o.log, engine: o.engine ?? 'builtin', counters: liveCounters, preflight: o.preflight === true,
        ...(live === undefined ? {} : { abortCheck: { intervalMs: live.intervalMs, check: (ms: number) => live.check(provider.id, recorder, ms) } }),
        ...(workers > 1 ? { workers: { count: workers, smallObjectMaxBytes, region: o.agent?.region ?? '', onLive: liveFeed(recorder) } } : {}),
      });
      parts = outcome.workerParts;
      schedule[provider.id] = { workers: outcome.workers, sessions: outcome.sessionDigest.sessions, sessionDigest: outcome.sessionDigest.hex };
      health.push(outcome.generator);
      if (outcome.abortReason !== null) aborted = `${provider.id}: ${outcome.abortReason}`;
      counters = outcome.counters;
      invalidationPaths = outcome.invalidationPaths;
      invalidation = outcome.invalidation;
      coalescing = outcome.coalescing;
      purges = outcome.purges;
      crowd = outcome.crowd;
      if (isOriginCounted(provider)) originBytes = (await provider.originTotals().catch(() => null))?.bytes ?? null;
      if (outcome.stopReason !== 'completed' && stopReason === 'completed') stopReason = outcome.stopReason;
      // Requests a hard stop cut are neither answers nor failures of the provider.
      const ended = outcome.requests - counters.abortedRequests;
      if (ended > 0 && outcome.networkErrors === ended) {
        failures.push(`provider ${provider.id}: no response to any of ${ended} requests: ${outcome.topNetworkError ?? 'network error'}`);
      } else if (outcome.errorRateStop !== null) failures.push(`provider ${provider.id}: ${outcome.errorRateStop}`);
    } catch (err) {
      if (err instanceof PreflightFailedError) preflight = err;
      failures.push(`provider ${provider.id}: ${describeError(err)}`);
    } finally {
      if (isStartable(provider)) await provider.stop().catch((err: unknown) => failures.push(`provider ${provider.id}: stop failed: ${describeError(err)}`));
    }
    // A pooled load's samples are in its workers' recorders: merged exactly with this thread's (none, or prewarm-free).
    const series = mergeSeriesLists([recorder.seriesFor(provider.id), ...parts.map((x) => x.series)]);
    const summary = { ...summarizeProvider(series), invalidation, coalescing, purges, ...(crowd === null ? {} : { crowd }) };
    const timeline = timelineOf(recorder, provider.id, parts, timelineEvents(plan, purges));
    if (isPriced(provider)) {
      summary.cost = providerCost(provider, series, {
        originBytes, invalidationPaths, sessions: counters.started, requests: summary.requests,
        durationMs: Date.now() - startedAt.getTime(), monthlySessions: o.monthlySessions ?? null,
        ...(timeline !== null && warmUp !== null ? { steady: { timeline, warmUpMs: warmUp } } : {}),
      });
    }
    if (isRoutingReporter(provider)) {
      // A multi-CDN prices each member with its own table and reports what steering, hedging and failover did.
      const r = provider.routingReport(series, {
        sessions: counters.started, invalidationPaths, durationMs: Date.now() - startedAt.getTime(), monthlySessions: o.monthlySessions ?? null,
      });
      summary.cost = r.cost;
      summary.multiCdn = r.routing;
    }
    current = null;
    providers.push({
      id: provider.id,
      kind: provider.kind,
      dialect: provider.dialect.id,
      // PoPs as the responses named them (a CDN hostname answers from many), else the edges loaded.
      pops: series.length > 0 ? [...new Set(series.map((s) => s.key.pop))].sort() : provider.edges().map((e) => e.id),
      sessions: counters,
      summary,
      series,
      ...(timeline === null ? {} : { timeline }),
    });
  }
  if (o.signal.aborted) stopReason = 'interrupted';
  else if (failures.length > 0) stopReason = 'failed';
  else if (aborted !== null) stopReason = 'aborted-by-threshold';
  const endedAt = new Date();
  const failure = o.signal.aborted ? interruptedText(o.signal) : failures.length > 0 ? failures.join('; ') : aborted !== null ? `stopped by abortOnFail: ${aborted}` : null;
  const result: RunResult = { schemaVersion: RESULT_SCHEMA_VERSION, meta: metaOf(stopReason, failure, endedAt), providers };
  return { result, failure: o.signal.aborted ? null : failures.length > 0 ? failure : null, aborted, preflight };
}

/** The threads a provider's load runs on: the requested count unless the load must stay on one (worker-plan.ts). */
function workerCount(o: RunScenarioOptions, plan: Plan, provider: ProviderAdapter): number {
  const requested = o.workers?.count ?? 1;
  if (requested <= 1) return 1;
  const liveWatch = o.abortCheck !== undefined || (o.sinks?.length ?? 0) > 0;
  const reason = singleThreadReason(plan, provider, o.engine ?? 'builtin', liveWatch);
  // A closed model never needs more threads than virtual users.
  if (reason === null) return plan.model === 'closed' ? Math.min(requested, Math.max(...plan.phases.map((p) => p.vus))) : requested;
  if (o.workers?.explicit === true) o.log(`${provider.id}: one load thread instead of ${requested} (${reason})`);
  return 1;
}

/** Progress from workers' live totals: the recorder's live figures grow by what the workers added since. */
function liveFeed(recorder: Recorder): (requests: number, errors: number) => void {
  let last = { requests: 0, errors: 0 };
  return (requests, errors) => {
    recorder.addLive(requests - last.requests, errors - last.errors);
    last = { requests, errors };
  };
}

/** The provider's timeline: this thread's and its workers', merged exactly, with the run's events. */
function timelineOf(recorder: Recorder, id: string, parts: readonly WorkerPart[], events: ReturnType<typeof timelineEvents>): ProviderTimeline | null {
  const own = recorder.timelineFor(id, events);
  if (parts.length === 0) return own;
  const merged = mergeTimelines([...(own === null ? [] : [own]), ...parts.flatMap((x) => (x.timeline === null ? [] : [x.timeline]))]);
  return merged === null ? null : { ...merged, events: [...events].sort((a, b) => a.atMs - b.atMs) };
}

function verdictSettings(errorBudget: number | undefined, warmUp: number | null): Pick<RunResult['meta'], 'verdict'> {
  if (errorBudget === undefined && warmUp === null) return {};
  return { verdict: { ...(errorBudget === undefined ? {} : { errorBudget }), ...(warmUp === null ? {} : { warmUpMs: warmUp }) } };
}

const withGenerator = (g: GeneratorHealth | undefined): { generator?: GeneratorHealth } => (g === undefined ? {} : { generator: g });
