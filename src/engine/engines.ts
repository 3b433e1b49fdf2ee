/**
 * The load engines `run --engine` chooses from, as a plain registry. `builtin` runs every scenario
 * (open and closed model, think times, prefetch, events, probes) with coordinated-omission-corrected
 * latency; `autocannon` runs closed-model scenarios without waits on autocannon's clients for the
 * highest request rate. Both record the same samples into the same result file.
 */
import { InvalidConfigError } from '../errors.js';
import type { SessionCounters } from '../result/result-model.js';
import type { Plan } from '../scenario/compile-plan.js';
import type { Rng } from '../util/rng.js';
import { autocannonProblems } from './autocannon-support.js';
import { runClosedModel } from './closed-executor.js';
import { hasRequestHeaders, isClientComposer, type ProviderAdapter, type RequestClient } from '../providers/adapter.js';
import { runOpenModel, type ModelPicker } from './open-executor.js';
import { runCrowd } from './crowd/crowd-executor.js';
import { crowdProblems } from './crowd/crowd-limits.js';
import type { SessionEnv } from './session-runner.js';

/** Runs a plan's sessions against one provider's PoPs until the phases end or the run stops. */
export type Executor = (
  env: SessionEnv,
  plan: Plan,
  clients: readonly RequestClient[],
  counters: SessionCounters,
  pick: ModelPicker,
  rng: Rng,
) => Promise<void>;

/** What an engine needs besides the plan. */
export interface EngineSettings {
  userAgent: string;
}

/** One load engine. */
export interface EngineSpec {
  /** One line for --help and the README. */
  readonly description: string;
  /** Why the engine cannot run the plan; empty when it can. */
  problems(plan: Plan): string[];
  /** Why the engine cannot load this provider; null when it can. */
  providerProblem(provider: ProviderAdapter): string | null;
  /** The executor for the plan; resolved before the run's clock starts (an engine may load its library). */
  executor(plan: Plan, settings: EngineSettings): Executor | Promise<Executor>;
  /** True when the engine enforces limits.maxRate itself (the run's request gate then only counts). */
  readonly capsRateItself: boolean;
}

/** The registry of engines. */
export const ENGINES = {
  builtin: {
    description: 'open and closed model, every scenario feature, coordinated-omission-corrected latency',
    problems: (plan) => crowdProblems(plan.crowd),
    providerProblem: () => null,
    executor: (plan) => (plan.crowd !== null ? runCrowd : plan.model === 'open' ? runOpenModel : runClosedModel),
    capsRateItself: false,
  },
  autocannon: {
    description: 'closed model without waits on autocannon\'s HTTP/1.1 clients: maximum requests per second',
    problems: autocannonProblems,
    // autocannon opens its own sockets to each edge URL: a provider that shapes requests itself (path
    // rewriting, cache busting, PoP pinning, multi-CDN routing, Akamai's Pragma headers) would be bypassed.
    providerProblem: (p) =>
      isClientComposer(p) ? `provider ${p.id}: its requests are routed or rewritten by the provider (${p.kind}); use the built-in engine`
      : hasRequestHeaders(p) ? `provider ${p.id}: needs headers on every request (${p.kind}); use the built-in engine`
      : null,
    // Imported when used: autocannon costs every other run (and every load worker) a fifth of a second of
    // start-up; resolved before the run's clock starts, so the import does not eat into the first phase.
    executor: async (_plan, settings): Promise<Executor> => {
      const { runAutocannonModel } = await import('./autocannon-executor.js');
      return (env, plan, clients, counters, pick, rng) => runAutocannonModel(env, plan, clients, counters, pick, rng, settings);
    },
    capsRateItself: true,
  },
} as const satisfies Record<string, EngineSpec>;

/** A registered engine id. */
export type EngineId = keyof typeof ENGINES;

/** The ids, for --help and validation. */
export const ENGINE_IDS = Object.keys(ENGINES) as EngineId[];

/** True when `id` names a registered engine. */
export function isEngineId(id: string): id is EngineId {
  return Object.hasOwn(ENGINES, id);
}

/**
 * Throws InvalidConfigError (exit 104) listing every reason the engine cannot run the plan; called
 * before any load starts.
 */
export function assertEngineCanRun(engine: EngineId, plan: Plan, source: string, providers: readonly ProviderAdapter[] = []): void {
  const spec: EngineSpec = ENGINES[engine];
  const problems: string[] = [...spec.problems(plan), ...providers.flatMap((p) => spec.providerProblem(p) ?? [])];
  if (problems.length === 0) return;
  const n = problems.length;
  throw new InvalidConfigError(`the ${engine} engine cannot run ${source}: ${n} problem${n === 1 ? '' : 's'}`, problems);
}
