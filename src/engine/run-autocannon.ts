/**
 * One provider run on the autocannon engine, with runProvider's signature, for callers outside the CLI
 * (the engine benchmark): checks that the plan suits the engine (InvalidConfigError otherwise), then runs.
 */
import { assertEngineCanRun } from './engines.js';
import { runProvider, type ProviderRunOptions, type ProviderRunOutcome } from './run-provider.js';

/** Runs the plan against the provider on autocannon's clients; same outcome and samples as runProvider. */
export function runAutocannonEngine(o: ProviderRunOptions): Promise<ProviderRunOutcome> {
  assertEngineCanRun('autocannon', o.plan, o.plan.scenario.name, [o.provider]);
  return runProvider({ ...o, engine: 'autocannon' });
}
