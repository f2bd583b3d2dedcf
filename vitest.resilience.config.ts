import { defineConfig } from 'vitest/config';

// `sudo npm run test:resilience`: runs the conformance suite in child processes and interrupts them.
// Apart from `npm test`, since each test brings fabrics up and down.
export default defineConfig({
  test: {
    include: ['resilience/**/*.test.ts'],
    reporters: ['default', './lab/report/summary-reporter.ts'],
    fileParallelism: false,
    // as vitest.config.ts: the transformed modules kept on disk for the next vitest process
    experimental: { fsModuleCache: true },
    // a whole suite run (about 25 s, bounded by the late restart and the speaker crash), or two of them
    // (kill -9, then the run that cleans up after it), or three at once (the lab variants), under load
    testTimeout: 300_000,
    hookTimeout: 30_000,
  },
});
