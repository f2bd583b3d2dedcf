// The run record of the real lab's bring-up, which a bug report carries: every step that ran, with its
// time, its outcome and what it said (the doctor's report, a tool's version, a failure's error).
import { describe, expect, it } from 'vitest';
import { Progress } from '../lab/run/progress.js';
import { runPlan, type StepRecord } from '../lab/kind/run-plan.js';
import { command } from '../lab/kind/step-builders.js';

describe('the run record of a plan', () => {
  it('holds each step that ran, what it showed, and the failure that stopped the plan', async () => {
    const records: StepRecord[] = [];
    const steps = [
      command('say a version', ['echo', 'tool v1.2.3'], { showOutput: true }),
      command('succeed quietly', ['true']),
      command('fail', ['false']),
      command('never reached', ['true']),
    ];
    await expect(runPlan(steps, '', new Progress('test', () => {}), () => {}, undefined, (r) => records.push(r))).rejects.toThrow(/exited with status 1/);
    expect(records.map(({ step, what, outcome }) => ({ step, what, outcome }))).toEqual([
      { step: 1, what: 'say a version', outcome: 'ok' },
      { step: 2, what: 'succeed quietly', outcome: 'ok' },
      { step: 3, what: 'fail', outcome: 'failed' },
    ]);
    expect(records[0]!.said).toBe('tool v1.2.3');
    expect(records[1]!.said).toBeUndefined();
    expect(records[2]!.said).toMatch(/`false` exited with status 1/);
    for (const r of records) expect(r.seconds).toBeGreaterThanOrEqual(0);
  });
});
