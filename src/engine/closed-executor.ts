/**
 * The closed model (k6's constant-vus, autocannon's connections): N virtual users each run sessions
 * back to back. Latency is measured from when a request was issued; a closed loop cannot correct
 * coordinated omission (a slow response delays the next request), which the README says plainly.
 */
import type { SessionCounters } from '../result/result-model.js';
import type { Plan } from '../scenario/compile-plan.js';
import type { Rng } from '../util/rng.js';
import type { RequestClient } from '../providers/adapter.js';
import type { ModelPicker } from './open-executor.js';
import { runSession, type SessionEnv } from './session-runner.js';
import { sleepUntil } from '../util/sleep.js';
import { owns, SOLO } from './workers/worker-share.js';

/** Runs every phase's virtual users until the last phase ends or the run is stopped. */
export async function runClosedModel(
  env: SessionEnv,
  plan: Plan,
  clients: readonly RequestClient[],
  counters: SessionCounters,
  pick: ModelPicker,
  rng: Rng,
): Promise<void> {
  const maxVus = Math.max(...plan.phases.map((p) => p.vus));
  const end = env.perfZero + plan.phasesDurationMs;
  // Under --workers, virtual user i runs in worker i mod N; session numbers interleave so they stay unique.
  const share = env.share ?? SOLO;
  let sessionNo = 0;

  const vu = async (index: number): Promise<void> => {
    const client = clients[index % clients.length] as RequestClient;
    for (;;) {
      const now = performance.now();
      if (now >= end || env.signal.aborted || env.gate.closed !== null) return;
      const phase = plan.phases.find((p) => now - env.perfZero < p.startMs + p.durationMs);
      if (phase === undefined) return;
      if (index >= phase.vus) {
        // Idle in this phase: wake up when the next phase starts.
        if (!(await sleepUntil(env.perfZero + phase.startMs + phase.durationMs, env.signal))) return;
        continue;
      }
      const no = sessionNo++ * share.workers + share.index;
      const sessionRng = rng.fork(no);
      counters.planned++;
      counters.started++;
      await runSession(env, client, pick(sessionRng), no, sessionRng, performance.now());
      if (!env.signal.aborted && env.gate.closed === null) counters.completed++;
    }
  };
  const mine = Array.from({ length: maxVus }, (_, i) => i).filter((i) => owns(share, i));
  await Promise.all(mine.map((i) => vu(i)));
}
