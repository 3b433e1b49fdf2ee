/**
 * cdnbench as a library: run a scenario against providers, read and merge result documents exactly, and
 * author scenarios and providers in TypeScript. Everything here is the supported public API; the CLI
 * (`cdnbench`) is built on the same calls (src/app/). Deeper modules may change between versions.
 */

// Run a scenario.
/** Runs a scenario against providers and returns the result document in memory (nothing is written). */
export { runBenchmark } from './app/run-benchmark.js';
export type { BenchmarkOptions, ProviderSpec } from './app/run-benchmark.js';
export type { RunOutcome } from './engine/run-scenario.js';

// Define scenarios.
/** Typed authoring of a scenario: `export default defineScenario({ ... })` in a .ts scenario file. */
export { defineScenario } from './scenario/define.js';
export type { ScenarioInput, Scenario } from './scenario/schema.js';

// Define providers.
/** A provider from a profile object, validated exactly like a profile file (`kind: target | emulator | cloudflare | …`). */
export { providerFromProfile } from './providers/resolve-providers.js';
/** Any HTTP endpoint(s) as a provider, each URL one PoP (what `--target` builds). */
export { TargetProvider } from './providers/target/target-provider.js';
/** The provider contract, and the guards of its optional capabilities, for writing an adapter of your own. */
export type {
  ProviderAdapter, ProviderContext, Edge, RequestClient, ClientContext, ClassifiedExchange,
  Startable, Purger, PurgeRequest, PurgeReceipt, Priced, OriginCounted, CredentialChecked, CredentialReport,
} from './providers/adapter.js';
export { isStartable, isPurger, isPriced, isOriginCounted, isCredentialChecked } from './providers/adapter.js';

// Read and merge results.
/** Reads and validates a result.json file (throws InvalidConfigError listing every problem). */
export { readResultFile, parseResult } from './result/result-schema.js';
/** Merges results of one scenario from several load agents exactly: HDR histograms added, counters summed. */
export { mergeResults } from './result/merge.js';
/** Latency histograms as stored in results: decode, add, summarize (never average percentiles). */
export { decodeHistogram, addInto, summarizeHistogram } from './result/histogram.js';
export type { RunResult, ProviderResult, ProviderSummary, RunMeta, SeriesRecord, SeriesKey, LatencySummary } from './result/result-model.js';
export type { InvalidationResult, CoalescingResult, CostResult } from './result/probe-results.js';

// Errors.
/** The one error base: a stable `code` and the CLI's documented exit code. */
export { CdnbenchError, ExitCode } from './errors.js';
