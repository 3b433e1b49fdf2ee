/**
 * What `import … from 'cdnbench'` means inside a scenario module loaded by cdnbench: the authoring half of
 * the public API only, so loading a .ts scenario does not load the engine and every provider SDK with it.
 */
export { defineScenario } from './define.js';
export type { ScenarioInput, Scenario } from './schema.js';
