/**
 * Groups result files by scenario and merges each group exactly (src/result/merge.ts): results of several
 * agents or repeated runs of one provider become one set of histograms before anything is plotted. Each
 * group also keeps, per provider, the results it came from, so the ranking can show the spread across
 * repeated runs.
 */
import { mergeResults } from '../result/merge.js';
import type { ProviderResult, RunResult } from '../result/result-model.js';

/** The results of one scenario, merged, with the inputs kept per provider. */
export interface ScenarioGroup {
  /** Scenario name (results of one scenario merge; different scenarios stay apart). */
  scenario: string;
  /** The inputs of this scenario, in the order given. */
  inputs: RunResult[];
  /** Their exact merge (equal to the only input when there is one). */
  merged: RunResult;
  /** Provider id → that provider's record in each input that has it, in input order. */
  runsByProvider: Map<string, ProviderResult[]>;
}

/**
 * Results grouped by scenario name, in order of first appearance. Throws InvalidConfigError
 * (INVALID_RESULT) when results of one scenario cannot be merged (see mergeResults).
 */
export function groupResults(results: readonly RunResult[]): ScenarioGroup[] {
  const byScenario = new Map<string, RunResult[]>();
  for (const r of results) {
    const list = byScenario.get(r.meta.scenario.name);
    if (list === undefined) byScenario.set(r.meta.scenario.name, [r]);
    else list.push(r);
  }
  return [...byScenario.entries()].map(([scenario, inputs]) => {
    const runsByProvider = new Map<string, ProviderResult[]>();
    for (const r of inputs) {
      for (const p of r.providers) {
        const runs = runsByProvider.get(p.id);
        if (runs === undefined) runsByProvider.set(p.id, [p]);
        else runs.push(p);
      }
    }
    // One input is its own merge (mergeResults would return an equal copy after re-encoding every histogram).
    const merged = inputs.length === 1 && inputs[0] !== undefined ? inputs[0] : mergeResults(inputs);
    return { scenario, inputs, merged, runsByProvider };
  });
}
