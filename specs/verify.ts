// A test body that asserts a check and, when it passes, annotates the test with what it observed. When
// it fails, the state of the fabric the check ran on (lab/fabric/state-dump.ts: BIRD, routes and rules of every
// node, the speakers, the datapath) goes into the test's artifact folder under that fabric's run, and the
// failure names the folder.
import { expect, type TestContext } from 'vitest';
import { artifactDir } from '../lab/run/artifacts.js';
import { assertCheckOutcome, CheckFailed, type Check, type CheckContext } from '../lab/checks/check.js';
import { dumpState } from '../lab/fabric/state-dump.js';
import { annotateEvidence, annotateStateDump } from './annotate-evidence.js';
import type { SpecFabric } from './spec-fabric.js';

/** `id`, the check's catalog id, names its evidence for the run's page (annotate-evidence.ts). */
export async function verify(check: Check, on: SpecFabric, annotate: TestContext['annotate'], context?: CheckContext, id?: string): Promise<void> {
  try {
    const outcome = await assertCheckOutcome(check, context);
    await annotate(outcome.message);
    await annotateEvidence(annotate, id, outcome.figures ?? []);
  } catch (error) {
    if (error instanceof CheckFailed) {
      await annotateEvidence(annotate, id, error.figures);
      const dir = artifactDir(on.runId, expect.getState().currentTestName ?? 'test');
      await dumpState(on.fabric, dir)
        .then((files) => annotateStateDump(annotate, files))
        .then(() => (error.message += `\n  the fabric's state when this failed (BIRD, routes, rules, speakers, datapath): ${dir}`))
        .catch((dumpError: unknown) => (error.message += `\n  (the fabric's state could not be kept: ${String(dumpError)})`));
      // vitest's reports print the stack, which the message's additions must reach too
      error.stack = `${error.name}: ${error.message}`;
    }
    throw error;
  }
}
