import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // the run's page and history (lab/report/); JUnit with each test's evidence annotations, for CI
    reporters: ['default', ['junit', { outputFile: 'reports/junit.xml' }], './lab/report/summary-reporter.ts', './lab/report/run-report-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          // The CLI tests run bin/lab.mjs, which starts from the build of lab/: this makes it fresh.
          globalSetup: ['test/cli-build-setup.ts'],
          // The unit tests share no state (pure functions, temp directories, child processes), so the
          // files share their workers' module cache: a fresh module graph per file took ~0.2 s a file.
          isolate: false,
        },
      },
      {
        test: {
          name: 'conformance',
          include: ['specs/**/*.spec.ts'],
          globalSetup: ['globalSetup.ts'],
          // One fabric for all spec files: they run one at a time, and in one worker, which loads the
          // harness's modules once for all of them (the specs keep no state in shared modules).
          fileParallelism: false,
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
