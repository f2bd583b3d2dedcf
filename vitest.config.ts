import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './lab/report/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'conformance',
          include: ['specs/**/*.spec.ts'],
          globalSetup: ['globalSetup.ts'],
          // One fabric for all spec files: they run one at a time, and in one worker.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
