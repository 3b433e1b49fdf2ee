import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code; end-to-end tests in test/ drive the built CLI (npm test builds first).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
