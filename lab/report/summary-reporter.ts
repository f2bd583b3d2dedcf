// Ends every run with what the passing conformance checks observed (their annotations: the ECMP split,
// a DSR flow, ...) and one plain line, "tests: N passed, N failed, N skipped", that CI systems and
// people can read without knowing vitest's output.
import type { Reporter, TestModule, TestRunEndReason } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>, reason: TestRunEndReason): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const observed: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
        // the evidence annotations (lab/report/annotations.ts) are for the run's page and vitest's reporters
        for (const annotation of test.annotations().filter((a) => a.type === 'notice')) observed.push(`  ${test.fullName}\n    ${annotation.message}`);
      }
      // A file that failed to load has no tests to count, but the run failed all the same.
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) counts.failed++;
    }
    counts.failed += unhandledErrors.length;
    if (reason !== 'passed' && counts.failed === 0) {
      // e.g. the global setup failed: no test ran, and the run must not read as clean
      process.stdout.write(`\nthe run ${reason === 'interrupted' ? 'was interrupted' : 'failed'} before any test failed; see above\n`);
      counts.failed = 1;
    }
    if (observed.length > 0) process.stdout.write(`\nobserved:\n${observed.join('\n')}\n`);
    process.stdout.write(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
