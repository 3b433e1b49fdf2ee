/**
 * The open model (k6's arrival-rate executors, wrk2's constant throughput): sessions arrive on a
 * schedule whatever the target does. Sessions beyond maxConcurrentSessions wait and are counted as
 * late; those the run ends before are counted as dropped. Nothing is silently skipped.
 */
import type { SessionCounters } from '../result/result-model.js';
import type { CompiledSession, Plan } from '../scenario/compile-plan.js';
import type { Rng } from '../util/rng.js';
import { arrivalTimes } from './arrivals.js';
import { arrivalsAfter } from './remaining-arrivals.js';
import type { RequestClient } from '../providers/adapter.js';
import { runSession, type SessionEnv } from './session-runner.js';
import { sleepUntil } from '../util/sleep.js';
import { InFlight } from './in-flight.js';
import { owns, ownedIn, SOLO } from './workers/worker-share.js';

/** A session starting this much after its intended arrival counts as late. */
export const LATE_TOLERANCE_MS = 25;

/** Picks a session model by weight. */
export type ModelPicker = (rng: Rng) => CompiledSession;

/** Runs the open model until the schedule ends and every session finished, or the run is stopped. */
export async function runOpenModel(
  env: SessionEnv,
  plan: Plan,
  clients: readonly RequestClient[],
  counters: SessionCounters,
  pick: ModelPicker,
  rng: Rng,
): Promise<void> {
  const maxConcurrent = plan.scenario.load.maxConcurrentSessions;
  const waiting: { no: number; intended: number }[] = [];
  const running = new InFlight();
  // Under --workers, arrival k is session k of every worker count, run by worker k mod N.
  const share = env.share ?? SOLO;
  let k = -1;

  const start = (no: number, intended: number): void => {
    const sessionRng = rng.fork(no);
    const model = pick(sessionRng);
    const client = clients[no % clients.length] as RequestClient;
    counters.started++;
    if (performance.now() - intended > LATE_TOLERANCE_MS) counters.late++;
    running.add(runSession(env, client, model, no, sessionRng, intended).then(() => {
      if (!env.signal.aborted && env.gate.closed === null) counters.completed++;
      const next = waiting.shift();
      if (next !== undefined && !env.signal.aborted && env.gate.closed === null) start(next.no, next.intended);
    }));
  };

  const schedule = arrivalTimes(plan.phases, plan.scenario.load.arrival, rng.fork('arrivals'));
  let behind = 0;
  for (const offset of schedule) {
    if (!owns(share, ++k)) continue;
    const intended = env.perfZero + offset;
    counters.planned++;
    // Arrivals already due resolve without a timer; a generator that far behind schedule must still let
    // timers and signals (the hard stop, Ctrl-C) run now and then.
    if (intended <= performance.now() && ++behind % 256 === 0) await new Promise<void>((r) => setImmediate(r));
    if (!(await sleepUntil(intended, env.signal)) || env.gate.closed !== null) {
      // The arrivals the run never reached are dropped: counted arithmetically, never drawn one by one.
      const rest = ownedIn(k + 1, k + 1 + arrivalsAfter(plan.phases, plan.scenario.load.arrival, offset), share);
      counters.planned += rest;
      counters.dropped += 1 + rest;
      break;
    }
    const no = k;
    if (running.size < maxConcurrent) start(no, intended);
    else waiting.push({ no, intended });
  }
  await running.below(1);
  counters.dropped += waiting.length;
}
