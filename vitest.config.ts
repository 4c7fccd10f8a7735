import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Integration tests spawn servers and bind ports; two cores are the budget.
    maxWorkers: 2,
    // Vitest runs projects in name order, isolated first: the system tests before the many short
    // unit files, which fill the end of the run on both workers.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          // Unit tests start no servers and leave nothing running: one module graph per worker
          // instead of one per file (importing it again took most of their time).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'system',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/unit/**'],
          // Builds the client for the browser tests (test/e2e), only when one of them is in the run.
          globalSetup: ['test/e2e/setup.ts'],
        },
      },
    ],
  },
});
