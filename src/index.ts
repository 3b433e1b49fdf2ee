/**
 * cdnbench's programmatic entry: typed scenario authoring (`defineScenario`) and the result types, for
 * `.ts` scenario files and for tools that read result.json.
 */
export { defineScenario } from './scenario/define.js';
export type { ScenarioInput, Scenario } from './scenario/schema.js';
export type { RunResult, ProviderResult, ProviderSummary, RunMeta, SeriesRecord, SeriesKey, LatencySummary } from './result/result-model.js';
export type { InvalidationResult, CoalescingResult, CostResult } from './result/probe-results.js';
export { CdnbenchError, ExitCode } from './errors.js';
