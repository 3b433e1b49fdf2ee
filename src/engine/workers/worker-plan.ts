/**
 * Which loads can run on worker threads, and the plan one worker runs. A load whose samples must also
 * reach a main-thread watcher (coalescing bursts, rollout and purge probes, live abortOnFail checks,
 * extra sinks) or whose provider builds its own clients stays on one thread: workers record into their
 * own recorders, which merge exactly only at the end.
 */
import { getDialect, isDialectId } from '../../dialects/registry.js';
import { isClientComposer, type ProviderAdapter } from '../../providers/adapter.js';
import type { Op, Plan } from '../../scenario/compile-plan.js';
import { countShare, rateShare, type WorkerShare } from './worker-share.js';

const usesDataset = (ops: readonly Op[]): boolean =>
  ops.some((op) => (op.kind === 'get' ? op.dataset !== null || op.prefetch.some((p) => p.dataset !== null) : op.kind === 'repeat' && usesDataset(op.ops)));

/** Why this load must run on one thread; null when it can use workers. */
export function singleThreadReason(plan: Plan, provider: ProviderAdapter, engine: string, liveWatch: boolean): string | null {
  if (engine !== 'builtin') return `the ${engine} engine runs on one thread`;
  if (plan.replay !== null) return 'a replay runs on one thread';
  // Its figures (first to last send, late sends, peak RSS) describe one release, measured in one place.
  if (plan.crowd !== null) return 'a crowd is released from one thread';
  if (plan.sessions.some((s) => usesDataset(s.ops))) return 'dataset draws run on one thread';
  if (isClientComposer(provider)) return `provider ${provider.id} builds its own clients`;
  const id = provider.dialect.id;
  if (!isDialectId(id) || getDialect(id) !== provider.dialect) return `provider ${provider.id} has a custom header dialect`;
  if (plan.scenario.coalescing !== undefined) return 'the coalescing measurement watches every response';
  if (plan.events.some((e) => e.event.action === 'purge' || e.event.action === 'publish')) return 'purge and publish events watch every response';
  if (plan.model === 'closed' && Math.max(...plan.phases.map((p) => p.vus)) < 2) return 'one virtual user';
  if (liveWatch) return 'live checks (abortOnFail, extra sinks) read every response';
  return null;
}

/** The plan worker `share` runs: its part of every budget, and no per-run work (events, prewarm). */
export function workerPlan(plan: Plan, share: WorkerShare): Plan {
  const load = plan.scenario.load;
  const { prewarm: _p, coalescing: _c, ...scenario } = plan.scenario;
  return {
    ...plan,
    scenario: {
      ...scenario,
      load: { ...load, connections: countShare(load.connections, share, 1), maxConcurrentSessions: countShare(load.maxConcurrentSessions, share, 1) },
    },
    events: [],
    maxRequests: countShare(plan.maxRequests, share),
    maxRate: rateShare(plan.maxRate, share),
  };
}
