// A test body that asserts a check and, when it passes, annotates the test with what it observed.
import type { TestContext } from 'vitest';
import { assertCheck, type Check, type CheckContext } from '../lab/checks/check.js';

export function verify(check: Check, context?: () => CheckContext): (test: TestContext) => Promise<void> {
  return async ({ annotate }) => {
    await annotate(await assertCheck(check, context?.()));
  };
}
