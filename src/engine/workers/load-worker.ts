/**
 * The entry of a load worker thread (--workers N): runs its share of one provider's load with the same
 * runProvider as a single-thread run, into its own recorder, and posts live figures while it runs and
 * its series, timeline and counters at the end. The main thread merges them exactly (worker-pool.ts).
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { Catalog } from '../../catalog/catalog.js';
import { Recorder } from '../../result/recorder.js';
import type { SessionCounters } from '../../result/result-model.js';
import type { ProviderAdapter } from '../../providers/adapter.js';
import { getDialect } from '../../dialects/registry.js';
import { runProvider } from '../run-provider.js';
import type { Op, Plan } from '../../scenario/compile-plan.js';
import { isMainMessage, type WorkerInit, type WorkerMessage } from './worker-protocol.js';

function mainPort(): MessagePort {
  if (parentPort === null) throw new Error('load-worker.js runs as a worker thread');
  return parentPort;
}
const port = mainPort();
const init = workerData as WorkerInit;
const post = (m: WorkerMessage): void => port.postMessage(m);
const stop = new AbortController();
let started = false;

port.on('message', (m: unknown) => {
  if (!isMainMessage(m)) return;
  if (m.type === 'stop') {
    stop.abort('stop');
    // Stopped before the load began: nothing to report, let the thread end.
    if (!started) port.close();
  }
  else if (!started) {
    started = true;
    // Every worker waits for the same wall-clock instant, so their schedules start together.
    setTimeout(() => void load(m.atWall).catch((err: unknown) => fail(err)), Math.max(0, m.atWall - Date.now()));
  }
});

/** Template variables that come from the session, not the catalog. */
const CATALOG_FREE: ReadonlySet<string> = new Set(['session', 'run', 'kbps']);

const listens = (ops: readonly Op[]): boolean => ops.some((op) => op.kind === 'listen' || (op.kind === 'repeat' && listens(op.ops)));

/**
 * Whether the sessions read the catalog (books, tracks, albums); when not, a one-title catalog stands in,
 * since building the full one costs each worker a fifth of a second for nothing.
 */
function needsCatalog(plan: Plan): boolean {
  return plan.sessions.some((s) => [...s.variables].some((v) => !CATALOG_FREE.has(v)) || listens(s.ops));
}

function fail(err: unknown): void {
  post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  port.close();
}

async function load(atWall: number): Promise<void> {
  const { plan, provider: p } = init;
  const catalog = Catalog.create(needsCatalog(plan) ? plan.scenario.catalog : { ...plan.scenario.catalog, books: 1, tracks: 1, albums: 1 });
  // One timeline origin for every worker, so their seconds line up and merge exactly.
  const recorder = new Recorder({ smallObjectMaxBytes: init.smallObjectMaxBytes, region: init.region, timelineOrigin: atWall });
  const provider: ProviderAdapter = {
    id: p.id,
    kind: p.kind,
    dialect: getDialect(p.dialect),
    edges: () => p.edges,
    ...(p.requestHeaders === null ? {} : { requestHeaders: p.requestHeaders }),
  };
  const counters: SessionCounters = { planned: 0, started: 0, completed: 0, late: 0, dropped: 0, throttledRequests: 0, abortedRequests: 0 };
  const tick = setInterval(() => {
    const live = recorder.liveStats();
    post({ type: 'progress', requests: live.requests, errors: live.errors, counters: { ...counters } });
  }, init.progressMs);
  try {
    const o = await runProvider({
      plan, provider, catalog, sink: recorder, runId: init.runId, seed: init.seed, scheduleSeed: init.scheduleSeed, userAgent: init.userAgent,
      signal: stop.signal, log: (line) => post({ type: 'log', line }), counters, share: init.share,
    });
    post({
      type: 'done', counters: o.counters, stopReason: o.stopReason, requests: o.requests, networkErrors: o.networkErrors, errorMessages: [...o.errorMessages],
      errorRateStop: o.errorRateStop, generator: o.generator, series: recorder.seriesFor(p.id), timeline: recorder.timelineFor(p.id), digest: o.sessionDigest.state(),
    });
  } finally {
    clearInterval(tick);
  }
  port.close();
}

post({ type: 'ready' });
