import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code; end-to-end tests in test/ drive the built CLI (npm test builds first).
//
// Four projects in two groups:
//  1. `unit` (src/) and `e2e` (test/) together, several files at a time. Most end-to-end files spend their
//     time waiting — scenario durations, engine start-ups, 200 ms origins — so on 2 cores four of them
//     overlap well (vitest's default of cores − 1 would run one file at a time). Nothing in this group may
//     compare a measured time with a tight bound: that belongs in group 2.
//  2. `unit-timing` and `e2e-timing`, after everything else, one file at a time: tests that compare measured
//     latency or propagation times with injected delays need the CPU to themselves, since on 2 cores,
//     beside CLI runs and real caching engines, event-loop lag alone moves a p95 by more than their tolerance.
// `npm run test:quick` runs only the two unit projects (no built CLI, no real engines).
const UNIT_TIMING = [
  'src/lab/emulator/latency.test.ts',
  'src/lab/emulator/slice-cache.test.ts',
  'src/lab/emulator/coalescing.test.ts',
  'src/providers/emulator/emulator-invalidation.test.ts',
  'src/lab/origin/latency.test.ts',
  'src/probes/invalidation-prober.test.ts',
  // 300 ms phases whose in-flight counts are sampled: a starved event loop sees the wrong phase.
  'src/engine/closed-executor.test.ts',
];
const E2E_TIMING = [
  'test/measured-latency-e2e.test.ts',
  'test/rollout-e2e.test.ts',
  'test/lab-engines-rollout-e2e.test.ts',
  'test/timing-truth-e2e.test.ts',
  'test/lab-integration.test.ts',
  'test/multi-cdn-hedging-e2e.test.ts',
];
// Unit-level files that start the real caching engines: slow and CPU-hungry, so not in the quick loop.
const UNIT_ENGINES = ['src/providers/lab-engine/engine-lab.test.ts'];

// Files at once in the parallel group; CDNBENCH_TEST_WORKERS overrides it (e.g. 1 to debug an interaction).
const workers = Number.parseInt(process.env.CDNBENCH_TEST_WORKERS ?? '', 10);
const PARALLEL = Number.isInteger(workers) && workers > 0 ? workers : 4;

// CLI runs started by tests load on one thread unless a test asks for --workers (the flag beats the
// variable): hundreds of short runs would otherwise each start worker threads (≈ 0.9 s of CPU per run on
// this 2-core machine) that only test/workers-e2e.test.ts and the engine's worker tests are about.
const shared = { testTimeout: 60_000, hookTimeout: 60_000, pool: 'forks' as const, env: { CDNBENCH_WORKERS: '1' } };
// Files of the parallel group share each worker's module cache instead of re-importing undici, zod,
// yaml… per file (most of a unit file's CPU time was imports); every file undoes what it changes (servers,
// child processes, vi.stubEnv, process.env). The timing groups keep a fresh module graph per file.
const parallel = { ...shared, isolate: false, maxWorkers: PARALLEL, sequence: { groupOrder: 0 } };
const serial = { ...shared, maxWorkers: 1, fileParallelism: false, sequence: { groupOrder: 1 } };

export default defineConfig({
  test: {
    projects: [
      { test: { ...parallel, name: 'unit', include: ['src/**/*.test.ts'], exclude: [...UNIT_TIMING, ...UNIT_ENGINES] } },
      { test: { ...parallel, name: 'e2e', include: ['test/**/*.test.ts', ...UNIT_ENGINES], exclude: E2E_TIMING } },
      { test: { ...serial, name: 'unit-timing', include: UNIT_TIMING } },
      { test: { ...serial, name: 'e2e-timing', include: E2E_TIMING } },
    ],
  },
});
