// A test body that asserts a check and, when it passes, annotates the test with what it observed. When
// it fails, the state of the fabric the check ran on (lab/state-dump.ts: BIRD, routes and rules of every
// node, the speakers, the datapath) goes into the test's artifact folder under that fabric's run, and the
// failure names the folder.
import { expect, type TestContext } from 'vitest';
import { artifactDir } from '../lab/artifacts.js';
import { assertCheck, CheckFailed, type Check, type CheckContext } from '../lab/checks/check.js';
import { dumpState } from '../lab/state-dump.js';
import type { SpecFabric } from './spec-fabric.js';

export async function verify(check: Check, on: SpecFabric, annotate: TestContext['annotate'], context?: CheckContext): Promise<void> {
  try {
    await annotate(await assertCheck(check, context));
  } catch (error) {
    if (error instanceof CheckFailed) {
      const dir = artifactDir(on.runId, expect.getState().currentTestName ?? 'test');
      await dumpState(on.fabric, dir)
        .then(() => (error.message += `\n  the fabric's state when this failed (BIRD, routes, rules, speakers, datapath): ${dir}`))
        .catch((dumpError: unknown) => (error.message += `\n  (the fabric's state could not be kept: ${String(dumpError)})`));
    }
    throw error;
  }
}
