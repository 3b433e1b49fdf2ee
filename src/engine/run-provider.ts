/**
 * Runs a plan against one provider: one keep-alive client per PoP, the executor of the plan's model,
 * timed events, and the hard stops (max duration, max requests, SIGINT). Returns what happened; the
 * samples went to the sink as they finished.
 */
import { setMaxListeners } from 'node:events';
import type { Catalog } from '../catalog/catalog.js';
import type { GeneratorHealth, PurgeRecord, SessionCounters, StopReason } from '../result/result-model.js';
import type { SampleSink } from '../result/sample.js';
import { hasRequestHeaders, isClientComposer, type ProviderAdapter, type RequestClient } from '../providers/adapter.js';
import type { CompiledSession, Plan } from '../scenario/compile-plan.js';
import { Rng } from '../util/rng.js';
import { EdgeClient } from '../http/edge-client.js';
import { ENGINES, type EngineId } from './engines.js';
import { recordingPurges } from './purge-log.js';
import { fireEvent } from './event-support.js';
import { isRolloutEvent } from './rollout-probe.js';
import { StaleReadCounter } from '../probes/invalidation-stale-reads.js';
import { RefetchStaleReads } from '../probes/refetch-stale-reads.js';
import { measureInvalidationEvent } from './measure-event.js';
import { PurgeFiller } from './purge-targets.js';
import { UsedObjects } from './used-objects.js';
import type { CoalescingResult, InvalidationResult } from '../result/probe-results.js';
import { CoalescingBurstTracker } from '../result/coalescing-burst-tracker.js';
import { albumPaths, burstCoalescing, prewarmAlbum } from './album-burst.js';
import type { ScenarioEvent } from '../scenario/schema.js';
import { RequestGate } from './request-gate.js';
import { watchGenerator } from './generator-health.js';
import type { SessionEnv } from './session-runner.js';
import type { CrowdResult } from '../result/crowd-result.js';
import { ErrorRateGuard } from './error-rate-guard.js';
import { PREFLIGHT_PATHS, checkBeforeLoad, needsPreflight } from './load-preflight.js';
import { firstRequests } from './preflight-requests.js';
import { runReplay } from './replay-executor.js';
import { closeClientsOnStop, EVENT_GRACE_MS, settleOrStop } from './stop-in-flight.js';
import { SessionDigest } from './workers/session-digest.js';
import type { WorkerShare } from './workers/worker-share.js';
import { runWorkerPool, type PoolOutcome, type WorkerPart } from './workers/worker-pool.js';
import { combineGeneratorHealth } from '../result/generator-summary.js';

/** Inputs of one provider run. */
export interface ProviderRunOptions {
  plan: Plan;
  provider: ProviderAdapter;
  catalog: Catalog;
  sink: SampleSink;
  runId: string;
  seed: number;
  /** Seed of the arrival schedule and session draws: one per run, never per provider. */
  scheduleSeed: number;
  userAgent: string;
  /** Aborted on SIGINT. */
  signal: AbortSignal;
  log(line: string): void;
  /** Load engine (engines.ts); default builtin. The caller checks beforehand that it can run the plan. */
  engine?: EngineId;
  /** Probe the first paths on every PoP before the load (load-preflight.ts); lab providers, whose origin is cdnbench's, are never probed. */
  preflight?: boolean;
  /** Filled in as the run goes (so a snapshot sees them live); default a fresh object. */
  counters?: SessionCounters;
  /** Polled every intervalMs with the load's elapsed ms; a returned reason stops this provider's load (abortOnFail thresholds). */
  abortCheck?: { intervalMs: number; check(elapsedMs: number): string | null };
  /** Run the load on this many worker threads (the caller checked worker-plan.ts's conditions); default 1. */
  workers?: { count: number; smallObjectMaxBytes: number; region: string; onLive?(requests: number, errors: number): void };
  /** Inside a load worker: its part of the schedule. */
  share?: WorkerShare;
}

/** What a provider run ended with. */
export interface ProviderRunOutcome {
  counters: SessionCounters;
  stopReason: StopReason;
  requests: number;
  networkErrors: number;
  /** The most frequent network error message, for the one-line failure reason. */
  topNetworkError: string | null;
  durationMs: number;
  /** URL paths invalidated by the scenario's purge events. */
  invalidationPaths: number;
  /** Coalescing on the bursts of the scenario's watched album; null when none. */
  coalescing: CoalescingResult | null;
  /** Propagation measured by a rollout event (the last one, when there are several); null when none ran. */
  invalidation: InvalidationResult | null;
  /** Every purge asked of the provider, with what its API answered. */
  purges: PurgeRecord[];
  /** Why abortCheck stopped the load; null when it did not. */
  abortReason: string | null;
  /** Why limits.maxErrorRate stopped the load; null when it did not. */
  errorRateStop: string | null;
  /** How the generator kept up during the load (loop lag, CPU, late starts). */
  generator: GeneratorHealth;
  /** How the scenario's crowd was released; null without a crowd (or when it stopped before the end). */
  crowd: CrowdResult | null;
  /** Network error messages and their counts. */
  errorMessages: ReadonlyMap<string, number>;
  /** The sessions this load drew (session-digest.ts). */
  sessionDigest: SessionDigest;
  /** Threads the load ran on. */
  workers: number;
  /** The workers' recorded figures (not in the sink), for the caller to merge; empty on one thread. */
  workerParts: WorkerPart[];
}


/** Runs the plan against the provider and resolves when every session has ended. */
export async function runProvider(o: ProviderRunOptions): Promise<ProviderRunOutcome> {
  const { plan } = o;
  const purges: PurgeRecord[] = [];
  const provider = recordingPurges(o.provider, purges, performance.now());
  const stop = new AbortController();
  setMaxListeners(0, stop.signal);
  let hardStopped = false;
  const onOuterAbort = (): void => stop.abort();
  o.signal.addEventListener('abort', onOuterAbort, { once: true });
  if (o.signal.aborted) stop.abort(); // aborted before we started listening (e.g. Ctrl-C while the lab was starting)

  const wanted = new Set<string>([...provider.dialect.headers, 'etag']);
  const timeoutMs = plan.timeoutMs;
  const clientOptions = {
    connections: plan.scenario.load.connections, http2: plan.scenario.load.http2, timeoutMs, wantedHeaders: wanted, userAgent: o.userAgent,
    ...(hasRequestHeaders(provider) ? { extraHeaders: provider.requestHeaders } : {}),
  };
  // A provider may build its own clients (path rewriting, PoP pinning, multi-CDN routing); else one per edge.
  const clients: RequestClient[] = isClientComposer(provider)
    ? provider.createClients({ options: clientOptions, runId: o.runId, seed: o.seed })
    : provider.edges().map((edge) => new EdgeClient(edge, clientOptions));
  // A hard stop cuts requests in flight instead of waiting for them (a trickling body could take forever).
  closeClientsOnStop(stop.signal, clients);
  // Readers' responses are watched for stale versions while a rollout is being measured, and the
  // crowd's requests for a dropped album's objects are counted for the coalescing measurement.
  const staleReads = new StaleReadCounter();
  const refetchReads = new RefetchStaleReads();
  const used = new UsedObjects();
  const filler = new PurgeFiller(used, o.catalog, o.runId);
  const burst = new CoalescingBurstTracker();
  const extra: SampleSink[] = [];
  if (plan.events.some((e) => isRolloutEvent(e.event))) extra.push(staleReads);
  if (plan.events.some((e) => e.event.action === 'purge' && e.event.probe !== undefined)) extra.push(refetchReads);
  if (plan.events.some((e) => e.event.action === 'purge' || e.event.action === 'publish')) extra.push(used);
  if (plan.scenario.coalescing !== undefined) {
    burst.watch(albumPaths(o.catalog, plan.scenario.coalescing.album));
    extra.push(burst);
  }
  const guard = new ErrorRateGuard(plan.maxErrorRate, () => stop.abort());
  extra.push(guard);
  const sink: SampleSink = extra.length === 0 ? o.sink : { add: (s) => { o.sink.add(s); for (const x of extra) x.add(s); } };
  if (plan.scenario.prewarm !== undefined) {
    const failures = await prewarmAlbum(clients, o.catalog, plan.scenario.prewarm);
    if (failures.length > 0) o.log(`prewarm on ${provider.id}: ${failures.length} failed, e.g. ${failures[0] ?? ''}`);
  }
  // Common random numbers: every provider of a run gets the same arrival instants, session models,
  // titles, pages and think times (only the PoP a session lands on may differ), so a comparison
  // measures the providers and not the luck of their draws.
  const rng = scheduleRng(o.scheduleSeed);
  const pick = weightedPicker(plan.sessions);
  if (o.preflight === true && needsPreflight(provider)) {
    await checkBeforeLoad(provider.id, clients, () => firstRequests(plan, o.catalog, rng, pick, o.runId, PREFLIGHT_PATHS), o.signal).catch(async (err: unknown) => {
      o.signal.removeEventListener('abort', onOuterAbort);
      await Promise.all(clients.map((c) => c.close()));
      throw err;
    });
  }
  const counters: SessionCounters = o.counters ?? { planned: 0, started: 0, completed: 0, late: 0, dropped: 0, throttledRequests: 0, abortedRequests: 0 };
  const engine = ENGINES[o.engine ?? 'builtin'];
  // Before perfZero: an engine that loads its library must not eat into the first phase.
  const executor = plan.replay !== null ? runReplay : await engine.executor(plan, { userAgent: o.userAgent });
  const errorMessages = new Map<string, number>();
  let networkErrors = 0;
  const perfZero = performance.now();
  const crowd: { result: CrowdResult | null } = { result: null };
  const env: SessionEnv = {
    onCrowd: (r) => (crowd.result = r),
    providerId: provider.id,
    catalog: o.catalog,
    dialect: provider.dialect,
    sink,
    // An engine that caps the rate itself gets a gate that only counts (an infinite token bucket).
    gate: new RequestGate(plan.maxRequests, engine.capsRateItself ? Number.POSITIVE_INFINITY : plan.maxRate, perfZero),
    runId: o.runId,
    perfZero,
    wallZero: Date.now(),
    signal: stop.signal,
    onAborted: () => counters.abortedRequests++,
    digest: new SessionDigest(),
    ...(o.share === undefined ? {} : { share: o.share }),
    onNetworkError: (message) => {
      networkErrors++;
      errorMessages.set(message, (errorMessages.get(message) ?? 0) + 1);
    },
  };

  const armHardStop = (): NodeJS.Timeout => setTimeout(() => {
    hardStopped = true;
    stop.abort();
  }, plan.maxDurationMs);
  // A pooled load's clock starts when its workers start the load (onLaunch); their start-up is bounded apart.
  const pooledRun = o.workers !== undefined && o.workers.count > 1;
  let hardStop: NodeJS.Timeout | undefined = pooledRun ? undefined : armHardStop();
  const watch = startAbortWatch(o.abortCheck, perfZero, () => stop.abort(), o.log);
  let invalidationPaths = 0;
  // A holder, not a `let`: it is assigned inside the event callback.
  const rollout: { result: InvalidationResult | null; reads: 'version' | 'refetch' } = { result: null, reads: 'version' };
  const fire = async (event: ScenarioEvent): Promise<void> => {
    try {
      const r = await measureInvalidationEvent(provider, event, { catalog: o.catalog, staleReads, refetchReads, filler, signal: stop.signal, seed: o.seed });
      if (r === null) {
        invalidationPaths += await fireEvent(provider, event, o.log, filler);
        return;
      }
      rollout.result = r.result;
      rollout.reads = r.result.measurement?.method === 'refetch' ? 'refetch' : 'version';
      invalidationPaths += r.invalidationPaths;
    } catch (err) {
      o.log(`${event.action === 'purge' ? 'measured purge' : 'rollout'} on ${provider.id} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const firing: Promise<void>[] = [];
  const armEvents = (): NodeJS.Timeout[] => plan.events.map(({ atMs, event }) => setTimeout(() => firing.push(fire(event)), atMs));
  // A pooled load arms its events when its workers start the load (onLaunch), never twice.
  let eventTimers = pooledRun ? [] : armEvents();
  const health = watchGenerator();
  let generator: GeneratorHealth | null = null;
  let pooled: PoolOutcome | null = null;
  const w = o.workers;
  try {
    if (w !== undefined && w.count > 1) {
      pooled = await runWorkerPool({
        workers: w.count, plan, provider, runId: o.runId, seed: o.seed, scheduleSeed: o.scheduleSeed, userAgent: o.userAgent, smallObjectMaxBytes: w.smallObjectMaxBytes,
        region: w.region, stop: stop.signal, onLaunch: () => {
          // The load starts once every worker is up: the max-duration clock and the events count from then.
          clearTimeout(hardStop);
          hardStop = armHardStop();
          eventTimers = armEvents();
        }, stopAll: () => stop.abort(), counters, log: o.log, ...(w.onLive === undefined ? {} : { onLive: w.onLive }),
      });
    } else {
      await executor(env, plan, clients, counters, pick, rng);
    }
  } finally {
    generator = health.stop(counters);
    for (const t of eventTimers) clearTimeout(t);
    // Events still running are waited for until a hard stop (still armed here), then briefly, then abandoned.
    if (await settleOrStop(Promise.all(firing), stop.signal, EVENT_GRACE_MS)) o.log(`events on ${provider.id} still running at the stop were abandoned`);
    clearTimeout(hardStop);
    watch.stop();
    o.signal.removeEventListener('abort', onOuterAbort);
    env.gate.close('stopped');
    stop.abort();
    await Promise.all(clients.map((c) => c.close()));
  }
  if (pooled !== null) {
    // The workers' figures replace this thread's, which only ran the per-run work (events, prewarm).
    networkErrors += pooled.networkErrors;
    for (const [msg, n] of pooled.errorMessages) errorMessages.set(msg, (errorMessages.get(msg) ?? 0) + n);
    generator = combineGeneratorHealth(pooled.generator) ?? generator;
    if (pooled.stopReasons.includes('max-duration')) hardStopped = true;
    env.digest?.absorb(pooled.digest.state());
  } else counters.throttledRequests = env.gate.throttled;
  const requests = env.gate.count + (pooled?.requests ?? 0);
  const coalescing = o.signal.aborted ? null : await burstCoalescing(provider, burst).catch((err: unknown) => {
    o.log(`coalescing on ${provider.id} not measured: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  });
  let topNetworkError: string | null = null;
  let topCount = 0;
  for (const [msg, n] of errorMessages) if (n > topCount) [topNetworkError, topCount] = [msg, n];
  let stopReason: StopReason = 'completed';
  if (o.signal.aborted) stopReason = 'interrupted';
  else if (watch.reason !== null) stopReason = 'aborted-by-threshold';
  else if (hardStopped) stopReason = 'max-duration';
  else if (requests >= plan.maxRequests) stopReason = 'max-requests';
  return { counters, stopReason, requests, networkErrors, errorMessages, sessionDigest: env.digest ?? new SessionDigest(), workers: pooled === null ? 1 : (w?.count ?? 1), workerParts: pooled?.parts ?? [], topNetworkError, durationMs: performance.now() - perfZero, invalidationPaths,
    // The readers' stale count keeps growing after the probe converges; take the final one.
    coalescing,
    purges,
    invalidation: rollout.result === null ? null : { ...rollout.result, staleReads: finalStaleReads(rollout.reads, staleReads, refetchReads, rollout.result.staleReads) },
    abortReason: watch.reason,
    errorRateStop: guard.reason ?? pooled?.errorRateStop ?? null,
    generator,
    crowd: crowd.result,
  };
}

/**
 * The stream every provider's sessions fork from (`.fork(sessionNo)` per session), one per run: exported
 * so a test can recompute the paths a run drew from a dataset and compare them with its own server's counts.
 */
export function scheduleRng(scheduleSeed: number): Rng {
  return new Rng(scheduleSeed).fork('schedule');
}

/** The readers' stale-read count at the end of the run, from the counter the last measurement used. */
function finalStaleReads(reads: 'version' | 'refetch', byVersion: StaleReadCounter, byRefetch: RefetchStaleReads, measured: number | null): number | null {
  if (reads === 'refetch') return byRefetch.watching ? byRefetch.staleReads : measured;
  return byVersion.watchedPaths.size > 0 ? byVersion.staleReads : measured;
}

/** Polls an abort check on a timer; the first reason it returns aborts the load (and is kept). */
function startAbortWatch(check: ProviderRunOptions['abortCheck'], perfZero: number, abort: () => void, log: (line: string) => void): { readonly reason: string | null; stop(): void } {
  const state: { reason: string | null; timer: NodeJS.Timeout | null } = { reason: null, timer: null };
  if (check !== undefined) {
    state.timer = setInterval(() => {
      try {
        const reason = check.check(performance.now() - perfZero);
        if (reason === null) return;
        state.reason = reason;
        abort();
      } catch (err) {
        log(`live threshold check failed, no longer checking: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (state.timer !== null) clearInterval(state.timer);
    }, check.intervalMs);
  }
  return {
    get reason() {
      return state.reason;
    },
    stop: () => {
      if (state.timer !== null) clearInterval(state.timer);
    },
  };
}

function weightedPicker(sessions: readonly CompiledSession[]): (rng: Rng) => CompiledSession {
  const first = sessions[0];
  // A replay has no session models; its executor never picks one.
  if (first === undefined) return () => { throw new Error('this plan has no session models'); };
  if (sessions.length === 1) return () => first;
  const total = sessions.reduce((a, s) => a + s.weight, 0);
  return (rng) => {
    let x = rng.next() * total;
    for (const s of sessions) if ((x -= s.weight) < 0) return s;
    return first;
  };
}
