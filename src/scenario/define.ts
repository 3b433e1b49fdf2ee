/** Typed authoring of scenarios in TypeScript: `export default defineScenario({ ... })`. */
import type { ScenarioInput } from './schema.js';

/** Returns its argument unchanged; exists so editors type-check and complete scenario files. */
export function defineScenario(scenario: ScenarioInput): ScenarioInput {
  return scenario;
}
