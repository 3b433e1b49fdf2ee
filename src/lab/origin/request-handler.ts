/**
 * The origin's request listener. Object requests are planned and counted the moment they arrive (so
 * counters are exact even while the injected latency runs), then sent after the latency; control
 * requests go to the control API without latency or faults.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { NO_STORE } from './cache-policy.js';
import { handleControl } from './control-api.js';
import { edgeId } from './edge-id.js';
import type { ObjectContext } from './object-context.js';
import { resolveObject } from './object-router.js';
import { isErrorReply } from './representation.js';
import { planError, planRepresentation, type ResponsePlan } from './response-plan.js';
import { writePlan } from './write-plan.js';

/** Inputs of the request listener. */
export interface HandlerOptions {
  ctx: ObjectContext;
  token: string;
  /** One latency draw in ms (the configured distribution). */
  latencyMs: () => number;
  /** Pending delayed responses, so `close()` can cancel them. */
  timers: Set<NodeJS.Timeout>;
}

function planObject(req: IncomingMessage, ctx: ObjectContext, pathname: string, nowMs: number): ResponsePlan {
  const method = req.method ?? 'GET';
  const view = { method, headers: req.headers };
  if (method !== 'GET' && method !== 'HEAD') {
    return planError(view, { status: 405, cacheControl: NO_STORE, error: 'method not allowed', headers: { allow: 'GET, HEAD' } });
  }
  const fault = ctx.state.faults.active(nowMs);
  if (fault?.kind === 'error') return planError(view, { status: fault.status, cacheControl: NO_STORE, error: 'injected origin fault' });
  const found = resolveObject(ctx, pathname, req.headers.accept, nowMs);
  return isErrorReply(found) ? planError(view, found) : planRepresentation(view, found);
}

function send(res: ServerResponse, plan: ResponsePlan): void {
  writePlan(res, plan).catch(() => res.destroy());
}

/** Builds the listener for `http.createServer`. */
export function createRequestHandler(opts: HandlerOptions): RequestListener {
  const { ctx, token, latencyMs, timers } = opts;
  return (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const pathname = q < 0 ? url : url.slice(0, q);
    if (pathname === '/__cdnbench' || pathname.startsWith('/__cdnbench/')) {
      void handleControl(req, res, pathname, q < 0 ? '' : url.slice(q + 1), ctx.state, token).catch(() => res.destroy());
      return;
    }
    const now = Date.now();
    let plan: ResponsePlan;
    try {
      plan = planObject(req, ctx, pathname, now);
    } catch {
      plan = planError({ method: req.method ?? 'GET', headers: req.headers }, { status: 500, cacheControl: NO_STORE, error: 'internal error' });
    }
    ctx.state.counters.record(pathname, edgeId(req), plan.bodyBytes, plan.revalidation);
    const fault = ctx.state.faults.active(now);
    const delay = latencyMs() + (fault?.kind === 'slow' ? fault.delayMs : 0);
    if (delay <= 0) {
      send(res, plan);
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      send(res, plan);
    }, delay);
    timers.add(timer);
  };
}
