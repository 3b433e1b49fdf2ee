/**
 * The autocannon engine: the closed model run on autocannon's HTTP/1.1 clients (one connection per
 * virtual user, one request in flight each, back to back), for the most requests per second one process
 * can send. Sessions are pulled request by request from session-cursor.ts, so they are the same
 * sessions as the built-in engine's; every response is timed and classified by autocannon-exchange.ts
 * into our own samples and HDR histograms, so result.json has the same shape. autocannon's own
 * statistics are not used.
 *
 * Stopping: at the end of each phase (and when maxRequests is reached) every connection may finish the
 * request it has in flight and then closes (autocannon's per-client `responseMax`), so every request the
 * server saw is in the result. A hard stop (maxDuration, Ctrl-C) closes connections at once and, like
 * the built-in engine, drops the requests then in flight.
 */
import type { EventEmitter } from 'node:events';
import autocannon from 'autocannon';
import type { SessionCounters } from '../result/result-model.js';
import type { CompiledPhase, Plan } from '../scenario/compile-plan.js';
import type { Rng } from '../util/rng.js';
import { ConnectionExchange } from './autocannon-exchange.js';
import type { EdgeEndpoint } from '../http/edge-client.js';
import type { RequestClient } from '../providers/adapter.js';
import type { ModelPicker } from './open-executor.js';
import { sessionSteps, type CursorRequest, type CursorStep } from './session-cursor.js';
import type { SessionEnv } from './session-runner.js';
import { sleepUntil } from '../util/sleep.js';

/** Settings of the autocannon engine that the session env does not carry. */
export interface AutocannonSettings {
  userAgent: string;
}

/** The fields of autocannon's (untyped) client object the engine steers. */
interface ClientInternals {
  reqsMade: number;
  responseMax?: number;
  paused?: boolean;
}

function internals(client: unknown): ClientInternals {
  if (typeof client !== 'object' || client === null || typeof (client as ClientInternals).reqsMade !== 'number') {
    throw new Error('unexpected autocannon client shape (autocannon 9 is required)');
  }
  return client as ClientInternals;
}

/** One connection's stream of sessions. */
class VirtualUser {
  private cursor: Generator<CursorStep, void, undefined> | null = null;
  constructor(private readonly env: SessionEnv, private readonly counters: SessionCounters, private readonly nextSession: () => { no: number; rng: Rng }, private readonly pick: ModelPicker) {}

  next(): CursorRequest {
    // A session always has a request; the bound only turns an impossible empty model into an error.
    for (let i = 0; i < 1000; i++) {
      if (this.cursor !== null) {
        const r = this.cursor.next();
        if (!r.done) {
          // autocannon-support.ts keeps waits and fan-outs out of plans this engine runs.
          if (r.value.kind !== 'request' || r.value.fanOut > 0) throw new Error('the autocannon engine cannot wait or fan out');
          return r.value;
        }
        this.counters.completed++;
      }
      const { no, rng } = this.nextSession();
      this.counters.planned++;
      this.counters.started++;
      this.cursor = sessionSteps(this.env.catalog, this.pick(rng), no, this.env.runId, rng);
    }
    throw new Error('session models produced no request');
  }
}

function targetOf(edge: EdgeEndpoint): { url: string; headers: Record<string, string>; servername?: string } {
  const url = new URL(edge.url);
  if (edge.connectAddress === undefined) return { url: url.origin, headers: {} };
  const host = url.host;
  const servername = url.hostname;
  url.hostname = edge.connectAddress.includes(':') ? `[${edge.connectAddress}]` : edge.connectAddress;
  return { url: url.origin, headers: { host }, ...(url.protocol === 'https:' ? { servername } : {}) };
}

/** Runs the plan's closed-model phases on autocannon; resolves when the last phase has drained. */
export async function runAutocannonModel(
  env: SessionEnv,
  plan: Plan,
  clients: readonly RequestClient[],
  counters: SessionCounters,
  pick: ModelPicker,
  rng: Rng,
  settings: AutocannonSettings,
): Promise<void> {
  let sessionNo = 0;
  const nextSession = (): { no: number; rng: Rng } => {
    const no = sessionNo++;
    return { no, rng: rng.fork(no) };
  };
  const edges = clients.map((c) => c.edge);
  for (const phase of plan.phases) {
    if (env.signal.aborted || env.gate.closed !== null || env.gate.count >= plan.maxRequests) return;
    const end = env.perfZero + phase.startMs + phase.durationMs;
    // No more connections than requests left, or the first requests alone would pass maxRequests.
    const vus = Math.min(phase.vus, plan.maxRequests - env.gate.count);
    if (vus <= 0 || performance.now() >= end) {
      if (!(await sleepUntil(end, env.signal))) return;
      continue;
    }
    await runPhase({ env, plan, phase, vus, end, edges, counters, pick, nextSession, settings });
  }
}

interface PhaseRun {
  env: SessionEnv;
  plan: Plan;
  phase: CompiledPhase;
  vus: number;
  end: number;
  edges: readonly EdgeEndpoint[];
  counters: SessionCounters;
  pick: ModelPicker;
  nextSession: () => { no: number; rng: Rng };
  settings: AutocannonSettings;
}

async function runPhase(r: PhaseRun): Promise<void> {
  const { env, plan } = r;
  const live: ClientInternals[] = [];
  // Every connection finishes its request in flight, then closes; `current` is the one whose request
  // is being built right now (autocannon counts it only after setupRequest returns).
  const drain = (current?: ClientInternals): void => {
    for (const c of live) c.responseMax = Math.max(1, c.reqsMade + (c === current ? 1 : 0));
  };
  const wanted = new Set<string>([...env.dialect.headers, 'etag']);
  const instances: autocannon.Instance[] = [];
  const runs: Promise<void>[] = [];
  r.edges.forEach((edge, e) => {
    // Virtual user i uses PoP i mod PoPs, as in the built-in closed model.
    const connections = Math.floor(r.vus / r.edges.length) + (e < r.vus % r.edges.length ? 1 : 0);
    if (connections === 0) return;
    const target = targetOf(edge);
    const baseHeaders = { 'user-agent': r.settings.userAgent, ...target.headers };
    runs.push(new Promise<void>((resolve, reject) => {
      const instance = autocannon({
        url: target.url,
        ...(target.servername === undefined ? {} : { servername: target.servername }),
        connections,
        pipelining: 1,
        timeout: plan.timeoutMs / 1000,
        // A safety net only: the phase timer drains first, the run's hard stop calls stop().
        duration: Math.ceil(plan.maxDurationMs / 1000) + 1,
        overallRate: Math.max(connections, Math.floor((plan.maxRate * connections) / r.vus)),
        sampleInt: 100,
        requests: [{ method: 'GET', path: '/' }],
        setupClient: (client) => {
          const c = internals(client);
          live.push(c);
          const vu = new VirtualUser(env, r.counters, r.nextSession, r.pick);
          const ex = new ConnectionExchange({
            providerId: env.providerId, edgeId: edge.id, dialect: env.dialect, wanted, sink: env.sink,
            perfZero: env.perfZero, wallZero: env.wallZero, onNetworkError: env.onNetworkError,
          });
          // The typings list only some of the client's events; the base EventEmitter takes them all.
          const events: EventEmitter = client;
          events.on('request', () => ex.sent(performance.now()));
          events.on('headers', (info: unknown) => ex.head(info, performance.now()));
          events.on('response', (status: number, bytes: number) => {
            ex.done(status, bytes, performance.now());
            // autocannon decides synchronously after this event whether the rate cap pauses the client.
            queueMicrotask(() => {
              if (c.paused === true) env.gate.throttled++;
            });
          });
          events.on('connError', (err: unknown) => ex.connectionError(err));
          events.on('timeout', () => ex.timeout());
          client.setRequests([{
            setupRequest: (req) => {
              const next = vu.next();
              ex.request = next;
              if (env.gate.take(performance.now()) !== 0 || env.gate.count >= plan.maxRequests) drain(c);
              return { ...req, method: 'GET', path: next.path, headers: { ...baseHeaders, ...next.headers } };
            },
          }]);
        },
      }, (err: unknown) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()));
      instances.push(instance);
    }));
  });
  const timer = setTimeout(() => drain(), Math.max(0, r.end - performance.now()));
  const stopAll = (): void => {
    for (const i of instances) i.stop();
  };
  env.signal.addEventListener('abort', stopAll, { once: true });
  try {
    await Promise.all(runs);
  } finally {
    clearTimeout(timer);
    env.signal.removeEventListener('abort', stopAll);
  }
}
