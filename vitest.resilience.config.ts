import { defineConfig } from 'vitest/config';

// `sudo npm run test:resilience`: runs the conformance suite in child processes and interrupts them.
// Apart from `npm test`, since each test brings fabrics up and down.
export default defineConfig({
  test: {
    include: ['resilience/**/*.test.ts'],
    reporters: ['default', './lab/report/summary-reporter.ts'],
    fileParallelism: false,
    // a whole suite run (about 50 s, bounded by the late restart's watch), or two of them (kill -9, then
    // the run that cleans up after it), under the load of other fabrics
    testTimeout: 300_000,
    hookTimeout: 30_000,
  },
});
