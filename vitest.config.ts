import { defineConfig } from 'vitest/config';
import { configuredFabric, CONFORMANCE_PROJECT, SpecSequencer } from './vitest.sequencer.js';
import { DISRUPTIVE_SPEC_FILES } from './specs/spec-files.js';

// On netns the disruptive specs run each on a fabric of its own, beside the shared specs, which take one
// worker among them, one file at a time (specs/shared-fabric-lock.ts): a worker per disruptive spec
// file, one for the shared specs and one for the unit tests. On kind every spec runs on the one cluster,
// one file at a time, in one worker, the disruptive specs last (vitest.sequencer.ts). vitest runs the
// two projects side by side only if they have the same number of workers, so both take this one, set
// here for the whole run (`npm run test:unit` sets its own on the command line).
const onKind = configuredFabric() === 'kind';
const workers = onKind ? 1 : DISRUPTIVE_SPEC_FILES.length + 2;

export default defineConfig({
  test: {
    // the run's page and history (lab/report/); JUnit with each test's evidence annotations, for CI
    reporters: ['default', 'junit', './lab/report/summary-reporter.ts', './lab/report/run-report-reporter.ts'],
    // here rather than in the reporter's options, which would win over a script's --outputFile.junit
    outputFile: { junit: 'reports/junit.xml' },
    sequence: { sequencer: SpecSequencer },
    maxWorkers: workers,
    // Keeps the modules vite transformed (the harness, the specs, the tests) on disk, keyed by their
    // content (vitest 4.0.11+, `experimental.fsModuleCache`), for the next vitest process: the controls
    // and the resilience tests start a suite run dozens of times, each about 1.2 s of CPU less. The cache
    // is node_modules/.experimental-vitest-cache; `npm ci` starts it anew, `npx vitest --clearCache` removes it.
    experimental: { fsModuleCache: true },
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
          name: CONFORMANCE_PROJECT,
          include: ['specs/**/*.spec.ts'],
          globalSetup: ['globalSetup.ts'],
          // Workers load the harness's modules once for all the files they run (the specs keep no state
          // in shared modules).
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
