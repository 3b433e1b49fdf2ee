/**
 * The crowd executor (scenario `crowd:`): N listeners released within a window, each listener running one
 * session of the session models from its own intended instant. Listeners spread round-robin over the PoPs;
 * over HTTP/1.1 each has its own connection, over HTTP/2 they share connections as streams. Warm crowds
 * open every connection before the window (paced, so no accept queue overflows) and keep them idle, so the
 * burst measures the CDN; cold crowds connect at each listener's instant.
 *
 * One timer drives the release, not one per listener: every listener already due is started in a batch,
 * then the loop sleeps until the next instant. Latency is from the intended instant (coordinated-omission
 * honest, as everywhere in the engine); a send more than 50 ms late is counted, never hidden.
 */
import { InvalidConfigError } from '../../errors.js';
import type { SessionCounters } from '../../result/result-model.js';
import type { RequestClient } from '../../providers/adapter.js';
import type { Plan } from '../../scenario/compile-plan.js';
import type { Rng } from '../../util/rng.js';
import { isCrowdCapable, type CrowdCapable, type CrowdChannel, type CrowdLane } from '../../http/crowd-lane.js';
import type { ExchangeCallback } from '../../http/exchange.js';
import { InFlight } from '../in-flight.js';
import { LATE_TOLERANCE_MS, type ModelPicker } from '../open-executor.js';
import { runSession, type SessionEnv } from '../session-runner.js';
import { sleepUntil } from '../../util/sleep.js';
import { crowdInstants } from './crowd-instants.js';
import { checkOpenFiles, sourcePlan } from './crowd-limits.js';
import { CrowdWatch } from './crowd-watch.js';

/** Warm connects in progress at once: below every server's default accept backlog (511), so none is dropped. */
const WARM_CONCURRENCY = 256;
/** Listeners started before the release yields to I/O (≈ 5 ms of work at most). */
const BATCH = 64;
/** The window starts this long after the connections are ready, so the first instants are not late by setup. */
const LEAD_MS = 50;

/** Runs the plan's crowd against the PoPs of `clients`. */
export async function runCrowd(env: SessionEnv, plan: Plan, clients: readonly RequestClient[], counters: SessionCounters, pick: ModelPicker, rng: Rng): Promise<void> {
  const crowd = plan.crowd;
  if (crowd === null) throw new Error('runCrowd needs a plan with a crowd');
  const capable = clients.filter((c): c is RequestClient & CrowdCapable => isCrowdCapable(c));
  if (capable.length !== clients.length || capable.length === 0) {
    throw new InvalidConfigError(`provider ${env.providerId}: a crowd opens cdnbench's own connections to each PoP, and this provider routes its requests itself`);
  }
  const n = crowd.listeners;
  const pops = capable.length;
  const perPop = capable.map((_, p) => Math.floor(n / pops) + (p < n % pops ? 1 : 0));
  const connections = crowd.protocol === 'http1' ? n : perPop.reduce((a, k) => a + Math.ceil(k / crowd.streamsPerConnection), 0);
  checkOpenFiles(connections);
  const hosts = capable.map((c) => c.edge.connectAddress ?? new URL(c.edge.url).hostname.replace(/^\[(.*)\]$/, '$1'));
  const sources = crowd.protocol === 'http1' ? sourcePlan(perPop, hosts) : { sources: 1, addressOf: () => undefined };
  const rssBefore = process.memoryUsage.rss();
  const lanes: CrowdLane[] = capable.map((c, p) =>
    c.crowdLane({ listeners: perPop[p] ?? 0, protocol: crowd.protocol, streamsPerConnection: crowd.streamsPerConnection, sourceAddress: (k) => sources.addressOf(k * pops + p) }),
  );
  const channelOf = (i: number): CrowdChannel => (lanes[i % pops] as CrowdLane).channels[Math.floor(i / pops)] as CrowdChannel;
  const watch = new CrowdWatch(crowd, connections, sources.sources);
  const closeAll = (): void => {
    for (const l of lanes) l.close();
  };
  env.signal.addEventListener('abort', closeAll, { once: true });
  try {
    const failed = new Uint8Array(n);
    if (crowd.connect === 'warm') {
      const t0 = performance.now();
      await warmAll(n, channelOf, failed, watch, env.signal);
      watch.connectMs = Math.round(performance.now() - t0);
      watch.rssPerConnection = connections > 0 ? Math.round((process.memoryUsage.rss() - rssBefore) / connections) : null;
    }
    const offsets = crowdInstants(n, crowd.withinMs, plan.scenario.load.arrival, rng.fork('arrivals'));
    const base = performance.now() + LEAD_MS;
    counters.planned += n;
    const running = new InFlight();
    const start = (i: number): void => {
      const intended = base + (offsets[i] as number);
      const channel = channelOf(i);
      const sessionRng = rng.fork(i);
      const model = pick(sessionRng);
      counters.started++;
      if (performance.now() - intended > LATE_TOLERANCE_MS) counters.late++;
      const client = listenerClient(channel, failed[i] === 1, watch, i, intended);
      running.add(runSession(env, client, model, i, sessionRng, intended).then(() => {
        if (!env.signal.aborted && env.gate.closed === null) counters.completed++;
      }));
    };
    let i = 0;
    if (await sleepUntil(base, env.signal)) {
      watch.startWindow();
      while (i < n && !env.signal.aborted && env.gate.closed === null) {
        const now = performance.now();
        for (let batch = 0; batch < BATCH && i < n && base + (offsets[i] as number) <= now; batch++) start(i++);
        if (i >= n) break;
        // Every batch yields to I/O, even when the next instant is already due: a release that never left its
        // macrotask would read no response (inflating their latency) and hide its own loop lag.
        if (base + (offsets[i] as number) <= performance.now()) await new Promise<void>((r) => setImmediate(r));
        else if (!(await sleepUntil(base + (offsets[i] as number), env.signal))) break;
      }
      watch.endWindow();
    }
    counters.dropped += n - i;
    await running.below(1);
    watch.throttled = env.gate.throttled;
    env.onCrowd?.(watch.result(offsets, base, env.wallZero + (base - env.perfZero)));
  } finally {
    env.signal.removeEventListener('abort', closeAll);
    closeAll();
  }
}

/** Opens every listener's connection, WARM_CONCURRENCY at a time; failures are marked and counted. */
async function warmAll(n: number, channelOf: (i: number) => CrowdChannel, failed: Uint8Array, watch: CrowdWatch, signal: AbortSignal): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < n && !signal.aborted; i = next++) {
      const err = await channelOf(i).warm();
      if (err !== null) {
        failed[i] = 1;
        watch.connectFailed(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(WARM_CONCURRENCY, n) }, worker));
}

/**
 * The listener as the session runner sees it: its channel, with its first send time and its first
 * answer's latency noted for the crowd's figures. A listener whose warm connect failed gets `connect`
 * errors, sent nowhere: the crowd lost it before the window.
 */
function listenerClient(channel: CrowdChannel, connectFailed: boolean, watch: CrowdWatch, i: number, intended: number): RequestClient {
  let first = true;
  return {
    edge: channel.edge,
    get: (path: string, headers: Record<string, string> | undefined, done: ExchangeCallback) => {
      const isFirst = first;
      first = false;
      if (connectFailed) {
        const now = performance.now();
        done({ status: 0, headers: {}, bytes: 0, bodyBytes: 0, sentAt: now, firstByteAt: now, endAt: now, error: 'connect', errorMessage: 'the warm connection could not be opened' });
        return;
      }
      if (isFirst) watch.sentAt[i] = performance.now();
      channel.get(path, headers, (ex) => {
        if (isFirst && ex.error === undefined) watch.answered(intended, ex.endAt);
        done(ex);
      });
    },
    close: () => channel.close(),
  };
}
