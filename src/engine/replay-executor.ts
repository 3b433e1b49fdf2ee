/**
 * Replays a logged timeline in time order: every logged request is sent at its instant divided by the
 * speed (10x: an hour in six minutes), so bursts stay bursts. It goes through the run's gate and
 * clients like a session's request, its latency counted from the scaled instant (a request held back
 * by maxInFlight or the rate cap is charged for the wait). PoPs take the lines in turn. Lines past the
 * phases' end are not sent. Each request counts as one session in the counters.
 */
import type { SessionCounters } from '../result/result-model.js';
import type { RequestClient } from '../providers/adapter.js';
import type { Plan } from '../scenario/compile-plan.js';
import { inferObjectClass } from '../catalog/object-class.js';
import { readReplay } from '../dataset/replay-file.js';
import { LATE_TOLERANCE_MS } from './open-executor.js';
import { sendRequest, type SessionEnv } from './session-runner.js';
import { sleepUntil } from '../util/sleep.js';
import { InFlight } from './in-flight.js';

/** Sends the plan's replay timeline; resolves when every request ended or the run stopped. */
export async function runReplay(env: SessionEnv, plan: Plan, clients: readonly RequestClient[], counters: SessionCounters): Promise<void> {
  const replay = plan.replay;
  if (replay === null) throw new Error('runReplay needs a plan with a replay');
  const inFlight = new InFlight();
  const headers = replay.headers ?? undefined;
  let line = 0;
  for await (const e of readReplay(replay.file)) {
    const at = e.offsetMs / replay.speed;
    if (at > plan.phasesDurationMs) break;
    counters.planned++;
    const intended = env.perfZero + at;
    if (!(await sleepUntil(intended, env.signal)) || env.gate.closed !== null) {
      counters.dropped++;
      break;
    }
    await inFlight.below(replay.maxInFlight);
    if (performance.now() - intended > LATE_TOLERANCE_MS) counters.late++;
    const client = clients[line++ % clients.length] as RequestClient;
    counters.started++;
    inFlight.add(sendRequest(env, client, { name: 'replay', path: e.path, headers, objectClass: inferObjectClass(e.path) }, intended).then((end) => {
      if (end !== null) counters.completed++;
    }));
  }
  await inFlight.below(1);
}
