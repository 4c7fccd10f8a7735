import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { configDefaults, defineConfig } from 'vitest/config';

/** Browser, storage and server tests take longest per file; unit files are short. */
const KINDS = ['test/e2e/', 'test/contract/', 'test/integration/', 'test/unit/'];
const rank = (file: TestSpecification) => {
  const kind = KINDS.findIndex((dir) => file.moduleId.includes(`/${dir}`));
  return kind === -1 ? KINDS.length : kind;
};

/**
 * Long kinds of file first, so the many short unit files fill the end of the run on both
 * workers instead of one long file running alone; within a kind Vitest's own order (failed and
 * longest first when it has timings of an earlier run, larger files first otherwise).
 */
class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return sorted
      .map((file, index) => ({ file, index }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.index - b.index)
      .map(({ file }) => file);
  }
}

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Integration tests spawn servers and bind ports; two cores are the budget.
    maxWorkers: 2,
    sequence: { sequencer: LongFilesFirst },
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
