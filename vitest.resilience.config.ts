import { defineConfig } from 'vitest/config';

// `sudo npm run test:resilience`: runs the conformance suite in child processes and interrupts them.
// Apart from `npm test`, since each test brings fabrics up and down.
export default defineConfig({
  test: {
    include: ['resilience/**/*.test.ts'],
    reporters: ['default', './lab/report/summary-reporter.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 30_000,
  },
});
