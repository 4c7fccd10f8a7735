import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Integration tests spawn servers and bind ports; two cores are the budget.
    maxWorkers: 2,
    // Builds the client for the browser tests (test/e2e), only when one of them is in the run.
    globalSetup: ['test/e2e/setup.ts'],
  },
});
