// LAB_FABRIC=kind LAB_DRY_RUN=1 on the conformance suite prints the real lab's plan and ends with status
// 2: no test ran, so the run must not read as a passing one.
import { expect, it } from 'vitest';
import { SuiteRun } from './suite-run.js';

it('a dry run prints the plan and does not end as a passing run', async () => {
  const ended = await new SuiteRun({ LAB_FABRIC: 'kind', LAB_DRY_RUN: '1' }).ended;
  expect(ended.code).toBe(2);
  expect(ended.output).toMatch(/bring-up of the kind fabric \(\d+ steps\)/);
  expect(ended.output).toContain('no test ran');
});
