import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Integration tests spawn servers and bind ports; two cores are the budget.
    maxWorkers: 2,
  },
});
