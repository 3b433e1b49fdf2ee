/**
 * Runs one provider's load on N worker threads (load-worker.ts) and gathers what they ended with. Every
 * worker builds its clients and catalog first; then all start at one wall-clock instant. A stop of the
 * main thread (max duration, SIGINT, a threshold) is posted to every worker, which ends its load and still
 * posts its partial figures; a worker that stops on its error-rate guard stops the others. A worker that
 * crashes, or does not answer a stop in time, is an error (WORKER_FAILED), never a hang.
 */
import { Worker } from 'node:worker_threads';
import { CdnbenchError } from '../../errors.js';
import type { GeneratorHealth, ProviderTimeline, SeriesRecord, SessionCounters, StopReason } from '../../result/result-model.js';
import { hasRequestHeaders, type ProviderAdapter } from '../../providers/adapter.js';
import type { Plan } from '../../scenario/compile-plan.js';
import { SessionDigest } from './session-digest.js';
import { isWorkerMessage, type MainMessage, type WorkerDone, type WorkerInit } from './worker-protocol.js';
import { workerPlan } from './worker-plan.js';
import { settled } from './settled.js';

const WORKER_ENTRY = new URL('./load-worker.js', import.meta.url);
/** Time every worker has to build its clients and report ready. */
const READY_TIMEOUT_MS = 30_000;
/** Time a worker has to post its figures after a stop (requests in flight are cut, so this is ample). */
const STOP_GRACE_MS = 15_000;
/** The shared start instant is this far after the last worker is ready, so every worker gets the message first. */
const START_DELAY_MS = 20;

/** One worker's recorded figures, merged exactly by the caller. */
export interface WorkerPart {
  series: SeriesRecord[];
  timeline: ProviderTimeline | null;
}

/** Inputs of a pooled load. */
export interface PoolOptions {
  workers: number;
  plan: Plan;
  provider: ProviderAdapter;
  runId: string;
  seed: number;
  scheduleSeed: number;
  userAgent: string;
  smallObjectMaxBytes: number;
  region: string;
  /** The main thread's stop: aborted by max duration, SIGINT, thresholds. */
  stop: AbortSignal;
  /** Called when the load starts (every worker ready), so the caller's max-duration clock excludes thread start-up. */
  onLaunch?(): void;
  /** Aborts the main thread's stop (a worker's error-rate guard fired). */
  stopAll(): void;
  /** Summed live counters, rewritten on every progress message. */
  counters: SessionCounters;
  /** Live totals of all workers (requests, errors), for progress. */
  onLive?(requests: number, errors: number): void;
  log(line: string): void;
  /** The worker script; default load-worker.js (a test gives one that fails on purpose). */
  entry?: URL;
}

/** What the workers ended with, summed (counters into `counters`). */
export interface PoolOutcome {
  requests: number;
  networkErrors: number;
  errorMessages: Map<string, number>;
  errorRateStop: string | null;
  generator: GeneratorHealth[];
  stopReasons: StopReason[];
  parts: WorkerPart[];
  digest: SessionDigest;
}

/** Runs the load on `o.workers` threads; resolves when every worker posted its figures. */
export async function runWorkerPool(o: PoolOptions): Promise<PoolOutcome> {
  const edges = o.provider.edges().map((e) => ({ ...e }));
  const headers = hasRequestHeaders(o.provider) ? { ...o.provider.requestHeaders } : null;
  const live = Array.from({ length: o.workers }, () => ({ requests: 0, errors: 0, counters: { ...o.counters } }));
  const done: (WorkerDone | undefined)[] = [];
  const workers: Worker[] = [];
  let failure: string | null = null;
  const stopAll = (): void => {
    for (const w of workers) w.postMessage({ type: 'stop' } satisfies MainMessage);
  };
  const onStop = (): void => stopAll();
  o.stop.addEventListener('abort', onStop, { once: true });
  let launched = false;
  const readies: Promise<void>[] = [];
  const ends: Promise<void>[] = [];
  for (let index = 0; index < o.workers; index++) {
    const share = { index, workers: o.workers };
    const init: WorkerInit = {
      share, plan: workerPlan(o.plan, share),
      provider: { id: o.provider.id, kind: o.provider.kind, dialect: o.provider.dialect.id, edges, requestHeaders: headers },
      runId: o.runId, seed: o.seed, scheduleSeed: o.scheduleSeed, userAgent: o.userAgent, smallObjectMaxBytes: o.smallObjectMaxBytes, region: o.region,
      progressMs: 250,
    };
    const w = new Worker(o.entry ?? WORKER_ENTRY, { workerData: init });
    workers.push(w);
    let ready: () => void = () => undefined;
    readies.push(new Promise<void>((r) => (ready = r)));
    ends.push(new Promise<void>((resolve) => {
      const end = (why: string | null): void => {
        // Workers stopped before the load began exit without figures; that is no failure.
        if (why !== null && failure === null && (launched || !o.stop.aborted)) {
          failure = `load worker ${index + 1} of ${o.workers} ${why}`;
          o.stopAll();
          stopAll();
        }
        ready();
        resolve();
      };
      w.on('message', (m: unknown) => {
        if (!isWorkerMessage(m)) return;
        if (m.type === 'ready') ready();
        else if (m.type === 'log') o.log(m.line);
        else if (m.type === 'progress') {
          live[index] = { requests: m.requests, errors: m.errors, counters: m.counters };
          report(o, live);
        } else if (m.type === 'failed') end(`failed: ${m.message}`);
        else {
          done[index] = m;
          // One worker's error-rate guard speaks for the load: the others stop too.
          if (m.errorRateStop !== null) o.stopAll();
        }
      });
      w.once('error', (err) => end(`crashed: ${err.message}`));
      w.once('exit', (code) => end(done[index] === undefined ? `exited (code ${code}) without its figures` : null));
    }));
  }
  try {
    const readyOrStop = await settled(Promise.all(readies), READY_TIMEOUT_MS, o.stop);
    if (readyOrStop === 'timeout') failure ??= `load workers did not start within ${READY_TIMEOUT_MS / 1000} s`;
    // Stopped before the load began (Ctrl-C while workers were starting): nothing ran, nothing to gather.
    if (readyOrStop === 'stopped') return gather([], o.counters);
    if (failure !== null) return fail(failure);
    launched = true;
    const atWall = Date.now() + START_DELAY_MS;
    for (const w of workers) w.postMessage({ type: 'go', atWall } satisfies MainMessage);
    o.onLaunch?.();
    // After a stop the workers have a grace to post their figures; past it, a silent one is a failure.
    const allEnded = Promise.all(ends);
    if ((await settled(allEnded, Number.POSITIVE_INFINITY, o.stop)) === 'stopped' && (await settled(allEnded, STOP_GRACE_MS)) === 'timeout') {
      failure ??= `load workers did not stop within ${STOP_GRACE_MS / 1000} s of the stop`;
    }
  } finally {
    o.stop.removeEventListener('abort', onStop);
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (failure !== null) return fail(failure);
  return gather(launched ? (done as WorkerDone[]) : [], o.counters);
}

function fail(message: string): never {
  throw new CdnbenchError('WORKER_FAILED', message);
}

function report(o: PoolOptions, live: readonly { requests: number; errors: number; counters: SessionCounters }[]): void {
  const sum = (k: keyof SessionCounters): number => live.reduce((a, x) => a + x.counters[k], 0);
  for (const k of Object.keys(o.counters) as (keyof SessionCounters)[]) o.counters[k] = sum(k);
  o.onLive?.(live.reduce((a, x) => a + x.requests, 0), live.reduce((a, x) => a + x.errors, 0));
}

function gather(done: readonly WorkerDone[], counters: SessionCounters): PoolOutcome {
  const errorMessages = new Map<string, number>();
  const digest = new SessionDigest();
  for (const k of Object.keys(counters) as (keyof SessionCounters)[]) counters[k] = done.reduce((a, d) => a + d.counters[k], 0);
  for (const d of done) {
    for (const [msg, n] of d.errorMessages) errorMessages.set(msg, (errorMessages.get(msg) ?? 0) + n);
    digest.absorb(d.digest);
  }
  return {
    requests: done.reduce((a, d) => a + d.requests, 0),
    networkErrors: done.reduce((a, d) => a + d.networkErrors, 0),
    errorMessages,
    errorRateStop: done.find((d) => d.errorRateStop !== null)?.errorRateStop ?? null,
    generator: done.map((d) => d.generator),
    stopReasons: done.map((d) => d.stopReason),
    parts: done.map((d) => ({ series: d.series, timeline: d.timeline })),
    digest,
  };
}
