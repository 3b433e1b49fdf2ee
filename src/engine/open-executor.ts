/**
 * The open model (k6's arrival-rate executors, wrk2's constant throughput): sessions arrive on a
 * schedule whatever the target does. Sessions beyond maxConcurrentSessions wait and are counted as
 * late; those the run ends before are counted as dropped. Nothing is silently skipped.
 */
import type { SessionCounters } from '../metrics/result-model.js';
import type { CompiledSession, Plan } from '../scenario/compile-plan.js';
import type { Rng } from '../util/rng.js';
import { arrivalTimes } from './arrivals.js';
import type { RequestClient } from '../providers/adapter.js';
import { runSession, type SessionEnv } from './session-runner.js';
import { sleepUntil } from './sleep.js';

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
  const running = new Set<Promise<void>>();
  let sessionNo = 0;

  const start = (no: number, intended: number): void => {
    const sessionRng = rng.fork(no);
    const model = pick(sessionRng);
    const client = clients[no % clients.length] as RequestClient;
    counters.started++;
    if (performance.now() - intended > LATE_TOLERANCE_MS) counters.late++;
    const p = runSession(env, client, model, no, sessionRng, intended).then(() => {
      running.delete(p);
      if (!env.signal.aborted && env.gate.closed === null) counters.completed++;
      const next = waiting.shift();
      if (next !== undefined && !env.signal.aborted && env.gate.closed === null) start(next.no, next.intended);
    });
    running.add(p);
  };

  const schedule = arrivalTimes(plan.phases, plan.scenario.load.arrival, rng.fork('arrivals'));
  // Iterated by hand: a for…of with break would close the generator, and the arrivals the run never
  // reached must still be counted (as dropped) below.
  for (let next = schedule.next(); !next.done; next = schedule.next()) {
    const intended = env.perfZero + next.value;
    counters.planned++;
    if (!(await sleepUntil(intended, env.signal)) || env.gate.closed !== null) {
      counters.dropped++;
      break;
    }
    const no = sessionNo++;
    if (running.size < maxConcurrent) start(no, intended);
    else waiting.push({ no, intended });
  }
  for (let next = schedule.next(); !next.done; next = schedule.next()) {
    counters.planned++;
    counters.dropped++;
  }
  while (running.size > 0) await Promise.race(running);
  counters.dropped += waiting.length;
}
