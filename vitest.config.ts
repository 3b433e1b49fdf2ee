import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code; end-to-end tests in test/ drive the built CLI (npm test builds first).
//
// Tests that compare measured latency or propagation times with injected delays need the CPU to
// themselves: on 2 cores, beside the CLI runs and real caching engines of other files, event-loop lag
// alone moves a p95 by more than their tolerance. They run after everything else, one file at a time.
const TIMING = [
  'src/lab/emulator/latency.test.ts',
  'src/lab/emulator/slice-cache.test.ts',
  'src/lab/emulator/coalescing.test.ts',
  'src/providers/emulator/emulator-invalidation.test.ts',
  'src/probes/invalidation-prober.test.ts',
  'test/lab-e2e.test.ts',
  'test/cli-e2e.test.ts',
  'test/rollout-e2e.test.ts',
  'test/timing-truth-e2e.test.ts',
];

const shared = { testTimeout: 60_000, hookTimeout: 60_000, pool: 'forks' as const };

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'main', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: TIMING, sequence: { groupOrder: 0 } } },
      { test: { ...shared, name: 'timing', include: TIMING, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
