/**
 * Runs one session's ops against one PoP. Every request is measured from its *intended* start: the
 * session's arrival for the first request, the end of the previous request plus the think time after
 * that. In the open model this is the coordinated-omission correction: time a request spent waiting
 * for a connection, for the rate cap or for a late timer is charged to latency, not hidden.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { ObjectClass, Sample, SampleSink } from '../result/sample.js';
import type { CrowdResult } from '../result/crowd-result.js';
import { drawDatasetRequest } from './dataset-draw.js';
import type { CompiledSession, GetOp, Op } from '../scenario/compile-plan.js';
import { renderTemplate } from '../scenario/template.js';
import type { HeaderDialect } from '../dialects/dialect.js';
import type { Rng } from '../util/rng.js';
import type { ClassifiedExchange, RequestClient } from '../providers/adapter.js';
import type { RequestGate } from './request-gate.js';
import { SessionState } from './session-state.js';
import { sleepUntil } from '../util/sleep.js';
import type { SessionDigest } from './workers/session-digest.js';
import type { WorkerShare } from './workers/worker-share.js';

/** What sessions of one provider run share. */
export interface SessionEnv {
  providerId: string;
  catalog: Catalog;
  dialect: HeaderDialect;
  sink: SampleSink;
  gate: RequestGate;
  runId: string;
  /** performance.now() at run start, and the matching wall clock (ms since epoch). */
  perfZero: number;
  wallZero: number;
  signal: AbortSignal;
  /** Called for every request cut by a hard stop (counted, never a sample). */
  onAborted?(): void;
  /** Called for every network error, with its one-line message. */
  onNetworkError(message: string): void;
  /** Called once by a crowd run with how the crowd was released (crowd-executor.ts). */
  onCrowd?(result: CrowdResult): void;
  /** This thread's part of the schedule under --workers (worker-share.ts); absent: all of it. */
  share?: WorkerShare;
  /** Collects every started session's draws, so runs with different worker counts can be compared. */
  digest?: SessionDigest;
}

/** Runs a session to its end (or until the gate closes / the run is aborted). */
export async function runSession(
  env: SessionEnv,
  client: RequestClient,
  model: CompiledSession,
  sessionNo: number,
  rng: Rng,
  intendedStart: number,
): Promise<void> {
  const state = new SessionState(env.catalog, model, sessionNo, env.runId, rng);
  env.digest?.add({ sessionNo, model: model.name, book: state.book?.isbn ?? '', lang: state.lang, page: state.page, track: state.track, album: state.album });
  await runOps(env, client, state, model.ops, intendedStart);
}

async function runOps(env: SessionEnv, client: RequestClient, state: SessionState, ops: readonly Op[], start: number): Promise<number | null> {
  let t: number | null = start;
  for (const op of ops) {
    if (t === null || env.signal.aborted) return null;
    if (state.skipping) return t;
    if (op.kind === 'get') t = await request(env, client, state, op, t);
    else if (op.kind === 'listen') {
      const track = env.catalog.track(state.track);
      const full = Math.max(0, ((track?.durationSec ?? 0) * 1000 - op.beforeMs) * op.timeScale);
      // A skip ends the track early, at a uniformly drawn point, and with it the rest of this repetition.
      const skipped = op.skip > 0 && state.rng.chance(op.skip);
      t += skipped ? state.rng.float(0, full) : full;
      if (skipped) state.skipping = true;
      if (!(await sleepUntil(t, env.signal))) return null;
    } else if (op.kind === 'think') {
      const { min, max } = op.ms;
      t += min === max ? min : state.rng.float(min, max);
      if (!(await sleepUntil(t, env.signal))) return null;
    } else {
      const count = op.count.min === op.count.max ? op.count.min : state.rng.int(op.count.min, op.count.max);
      for (let i = 0; i < count && t !== null; i++) {
        if (op.untilEndOfBook && state.pastEndOfBook) break;
        t = await runOps(env, client, state, op.ops, t);
        state.skipping = false;
        state.advance(op.advancePage, op.advanceTrack);
      }
    }
  }
  return t;
}

/** Sends a GET and its prefetch fan-out; resolves with the time the last of them ended, null when stopped. */
async function request(env: SessionEnv, client: RequestClient, state: SessionState, op: GetOp, intended: number): Promise<number | null> {
  if (op.prefetch.length === 0) return send(env, client, state, op, intended);
  const ends = await Promise.all([op, ...op.prefetch].map((o) => send(env, client, state, o, intended)));
  let last: number | null = null;
  for (const e of ends) if (e !== null && (last === null || e > last)) last = e;
  return last;
}

async function send(env: SessionEnv, client: RequestClient, state: SessionState, op: GetOp, intended: number): Promise<number | null> {
  if (op.dataset !== null) return sendRequest(env, client, drawDatasetRequest(env, op, state.rng), intended);
  let headers = op.headers ?? undefined;
  if (op.range !== null) headers = { ...headers, range: renderTemplate(op.range, state.resolve) };
  return sendRequest(env, client, { name: op.name, path: renderTemplate(op.path, state.resolve), headers, objectClass: op.objectClass }, intended);
}

/** One request, resolved: what a session step or a replayed log line sends. */
export interface ResolvedRequest {
  name: string;
  path: string;
  headers: Record<string, string> | undefined;
  objectClass: ObjectClass;
}

/**
 * Sends one request through the run's gate and records its sample, latency from `intended`; resolves
 * with the time it ended, null when the run stopped first.
 */
export async function sendRequest(env: SessionEnv, client: RequestClient, req: ResolvedRequest, intended: number): Promise<number | null> {
  for (;;) {
    const wait = env.gate.take(performance.now());
    if (wait === 0) break;
    if (wait < 0) return null;
    env.gate.throttled++;
    if (!(await sleepUntil(performance.now() + wait, env.signal))) return null;
  }
  const { path, headers } = req;
  return new Promise<number | null>((resolve) => {
    client.get(path, headers, (ex) => {
      if (ex.error === 'aborted' && env.signal.aborted) {
        env.onAborted?.();
        resolve(null);
        return;
      }
      env.sink.add(toSample(env, client, req.objectClass, path, intended, ex));
      if (ex.error !== undefined) env.onNetworkError(ex.errorMessage ?? ex.error);
      resolve(ex.endAt);
    });
  });
}

function toSample(env: SessionEnv, client: RequestClient, objectClass: ObjectClass, path: string, intended: number, ex: ClassifiedExchange): Sample {
  const headers = ex.headers;
  // A provider's own client (multi-CDN) may have classified the exchange in its member's dialect already.
  const cls = ex.classified ?? (ex.error === undefined ? env.dialect.classify((name) => headers[name]) : { cache: 'UNKNOWN' as const });
  const sample: Sample = {
    provider: env.providerId,
    pop: cls.pop ?? client.edge.id,
    objectClass,
    path,
    status: ex.status,
    cache: cls.cache,
    bytes: ex.bytes,
    bodyBytes: ex.bodyBytes,
    ttfbUs: Math.max(0, Math.round((ex.firstByteAt - intended) * 1000)),
    totalUs: Math.max(0, Math.round((ex.endAt - intended) * 1000)),
    serviceUs: Math.max(0, Math.round((ex.endAt - ex.sentAt) * 1000)),
    startedAt: env.wallZero + (intended - env.perfZero),
  };
  if (ex.error !== undefined) sample.error = ex.error;
  if (cls.collapsed === true) sample.collapsed = true;
  const etag = headers.etag;
  if (etag !== undefined) sample.etag = etag;
  return sample;
}
