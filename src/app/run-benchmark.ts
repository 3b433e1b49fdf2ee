/**
 * The run use case for library users: a scenario (object or file) against providers (profiles, profile
 * objects, adapters or bare URLs), checked like the CLI's run and returning the result in memory. Nothing
 * is written and no signal handler is installed: the caller owns files, signals and output.
 */
import { dirname, resolve } from 'node:path';
import { runScenario, type RunOutcome } from '../engine/run-scenario.js';
import { applyEnvToPlan } from '../engine/plan-env.js';
import type { ProviderAdapter } from '../providers/adapter.js';
import { defaultLabProviderIds, providerFromProfile, resolveProviders } from '../providers/resolve-providers.js';
import { compilePlan } from '../scenario/compile-plan.js';
import { loadScenario, validateScenario, type LoadedScenario } from '../scenario/loader.js';
import type { ScenarioInput } from '../scenario/schema.js';
import { newRunId } from '../util/run-info.js';
import { assertCredentials, checkCredentials } from './check-credentials.js';
import { checkRunnable } from './prepare-run.js';
import { chooseWorkers, resolveScenarioPath } from './run-inputs.js';

/** A provider of a programmatic run: a built-in name or profile path, a profile object, or an adapter. */
export type ProviderSpec = string | ProviderAdapter | { kind: string; [field: string]: unknown };

/** What to run. With neither `providers` nor `targets`, the five emulated lab archetypes (as `cdnbench run`). */
export interface BenchmarkOptions {
  /** A scenario object (see `defineScenario`), or a scenario file path or built-in name. */
  scenario: ScenarioInput | string;
  providers?: readonly ProviderSpec[];
  /** Bare HTTP endpoints, each one PoP of one provider named `target`. */
  targets?: readonly string[];
  /** Stops the run; the partial result is returned (marked interrupted). */
  signal?: AbortSignal;
  /** Progress lines; silent by default. */
  log?(line: string): void;
  /** Sessions per month for the cost projection [default: the scenario's cost.monthlySessions]. */
  monthlySessions?: number;
  /** Probe the first paths on every PoP before the load and refuse when most fail (default true, as the CLI). */
  preflight?: boolean;
  /** Load worker threads per provider [default: the cores, minus one beside a lab process]. */
  workers?: number;
}

function isAdapter(p: ProviderSpec): p is ProviderAdapter {
  return typeof p === 'object' && typeof (p as { edges?: unknown }).edges === 'function' && typeof (p as { dialect?: unknown }).dialect === 'object';
}

function adapterOf(p: ProviderSpec, i: number): string | ProviderAdapter {
  if (typeof p === 'string') return p;
  if (isAdapter(p)) return p;
  return providerFromProfile(p, typeof p.id === 'string' ? p.id : `provider-${i + 1}`);
}

/**
 * Runs a scenario against every provider, one after the other with the same workload, and returns the
 * outcome: the result document (what `cdnbench run` writes as result.json) and why it failed, if it did.
 * Bad input throws a CdnbenchError (InvalidConfigError, exit code 104 in the CLI) before any load.
 */
export async function runBenchmark(options: BenchmarkOptions): Promise<RunOutcome> {
  let loaded: LoadedScenario;
  let ref: string;
  let baseDir: string;
  if (typeof options.scenario === 'string') {
    const path = resolveScenarioPath(options.scenario);
    loaded = await loadScenario(path);
    ref = options.scenario;
    baseDir = dirname(resolve(path));
  } else {
    loaded = { scenario: validateScenario(options.scenario, '(object)'), file: null, sha256: null };
    ref = loaded.scenario.name;
    baseDir = process.cwd();
  }
  const plan = compilePlan(loaded.scenario, ref, baseDir);
  // ${env.NAME} in headers is filled from the process environment, as in the CLI.
  applyEnvToPlan(plan);
  const targets = options.targets ?? [];
  const specs = options.providers ?? (targets.length === 0 ? defaultLabProviderIds() : []);
  const providers = resolveProviders(specs.map(adapterOf), targets);
  checkRunnable(plan, providers, 'builtin', ref);
  assertCredentials(await checkCredentials(providers, false));
  return runScenario({
    loaded, plan, providers, runId: newRunId(plan.scenario.name), engine: 'builtin',
    signal: options.signal ?? new AbortController().signal,
    log: options.log ?? (() => undefined),
    monthlySessions: options.monthlySessions ?? plan.scenario.cost?.monthlySessions ?? null,
    preflight: options.preflight ?? true,
    workers: chooseWorkers(options.workers, providers),
  });
}
