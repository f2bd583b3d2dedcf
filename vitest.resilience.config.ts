import { defineConfig } from 'vitest/config';

// `sudo npm run test:resilience`: runs the conformance suite in child processes and interrupts them.
// Apart from `npm test`, since each test brings fabrics up and down.
export default defineConfig({
  test: {
    include: ['resilience/**/*.test.ts'],
    reporters: ['default', './lab/report/summary-reporter.ts'],
    fileParallelism: false,
    // a whole suite run (about 90 s with the graceful restart's two watches), and the wait for the
    // kernel's deferred cleanup of deleted namespaces (lab/leftovers.ts, KERNEL_CLEANUP_MS)
    testTimeout: 300_000,
    hookTimeout: 30_000,
  },
});
