/**
 * A session as a synchronous sequence of requests, for engines that pull "the next request" instead of
 * awaiting each one (autocannon's setupRequest). It walks the same ops with the same random draws as
 * session-runner.ts, so a session replays identically on either engine. Sessions that wait (think,
 * listen) or fan out (prefetch) cannot be pulled one request at a time; autocannon-support.ts rejects
 * them before the run, and the cursor throws if it meets one anyway.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { CompiledSession, GetOp, Op } from '../scenario/compile-plan.js';
import { renderTemplate } from '../scenario/template.js';
import type { Rng } from '../util/rng.js';
import { SessionState } from './session-state.js';

/** One request of a session, rendered. */
export interface CursorRequest {
  op: GetOp;
  path: string;
  /** Request headers of the step, the Range header included; undefined when none. */
  headers: Record<string, string> | undefined;
}

/** Yields every request of one session in order; the generator ends with the session. */
export function* sessionRequests(catalog: Catalog, model: CompiledSession, sessionNo: number, runId: string, rng: Rng): Generator<CursorRequest, void, undefined> {
  const state = new SessionState(catalog, model, sessionNo, runId, rng);
  yield* walk(state, model.ops);
}

function* walk(state: SessionState, ops: readonly Op[]): Generator<CursorRequest, void, undefined> {
  for (const op of ops) {
    if (op.kind === 'get') {
      if (op.prefetch.length > 0) throw new Error('a prefetch fan-out cannot be pulled one request at a time');
      yield render(state, op);
    } else if (op.kind === 'repeat') {
      const count = op.count.min === op.count.max ? op.count.min : state.rng.int(op.count.min, op.count.max);
      for (let i = 0; i < count; i++) {
        if (op.untilEndOfBook && state.pastEndOfBook) break;
        yield* walk(state, op.ops);
        state.advance(op.advancePage, op.advanceTrack);
      }
    } else {
      throw new Error(`a ${op.kind} step cannot be pulled one request at a time`);
    }
  }
}

function render(state: SessionState, op: GetOp): CursorRequest {
  const path = renderTemplate(op.path, state.resolve);
  let headers = op.headers ?? undefined;
  if (op.range !== null) headers = { ...headers, range: renderTemplate(op.range, state.resolve) };
  return { op, path, headers };
}
