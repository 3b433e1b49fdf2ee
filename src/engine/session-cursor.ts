/**
 * A session as a synchronous sequence of steps, for engines that pull "the next request" instead of
 * awaiting each one (autocannon's setupRequest), and for checking that an exported k6 script replays
 * the same sessions. It walks the same ops with the same random draws as session-runner.ts, so a session
 * is identical on every engine: requests (a prefetch fan-out as a request with `fanOut` > 0 followed by
 * its members) and waits (think and listen, already × timeScale).
 */
import type { Catalog } from '../catalog/catalog.js';
import type { CompiledSession, GetOp, Op } from '../scenario/compile-plan.js';
import { renderTemplate } from '../scenario/template.js';
import type { Rng } from '../util/rng.js';
import { SessionState } from './session-state.js';

/** One request of a session, rendered. */
export interface CursorRequest {
  kind: 'request';
  op: GetOp;
  path: string;
  /** Request headers of the step, the Range header included; undefined when none. */
  headers: Record<string, string> | undefined;
  /** Prefetch requests sent in parallel with this one (they follow it in the sequence); 0 for a plain GET. */
  fanOut: number;
}

/** A pause of the session (think time or listening), ms. */
export interface CursorWait {
  kind: 'wait';
  ms: number;
}

/** One step of a session. */
export type CursorStep = CursorRequest | CursorWait;

/** Yields every step of one session in order; the generator ends with the session. */
export function* sessionSteps(catalog: Catalog, model: CompiledSession, sessionNo: number, runId: string, rng: Rng): Generator<CursorStep, void, undefined> {
  const state = new SessionState(catalog, model, sessionNo, runId, rng);
  yield* walk(catalog, state, model.ops);
}

function* walk(catalog: Catalog, state: SessionState, ops: readonly Op[]): Generator<CursorStep, void, undefined> {
  for (const op of ops) {
    if (state.skipping) return;
    if (op.kind === 'get') {
      yield render(state, op, op.prefetch.length);
      for (const p of op.prefetch) yield render(state, p, 0);
    } else if (op.kind === 'think') {
      const { min, max } = op.ms;
      yield { kind: 'wait', ms: min === max ? min : state.rng.float(min, max) };
    } else if (op.kind === 'listen') {
      const track = catalog.track(state.track);
      const full = Math.max(0, ((track?.durationSec ?? 0) * 1000 - op.beforeMs) * op.timeScale);
      const skipped = op.skip > 0 && state.rng.chance(op.skip);
      if (skipped) state.skipping = true;
      yield { kind: 'wait', ms: skipped ? state.rng.float(0, full) : full };
    } else {
      const count = op.count.min === op.count.max ? op.count.min : state.rng.int(op.count.min, op.count.max);
      for (let i = 0; i < count; i++) {
        if (op.untilEndOfBook && state.pastEndOfBook) break;
        yield* walk(catalog, state, op.ops);
        state.skipping = false;
        state.advance(op.advancePage, op.advanceTrack);
      }
    }
  }
}

function render(state: SessionState, op: GetOp, fanOut: number): CursorRequest {
  const path = renderTemplate(op.path, state.resolve);
  let headers = op.headers ?? undefined;
  if (op.range !== null) headers = { ...headers, range: renderTemplate(op.range, state.resolve) };
  return { kind: 'request', op, path, headers, fanOut };
}
