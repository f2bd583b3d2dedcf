// The netns fabrics of the disruptive spec files, one each, so that each can kill a speaker or take an
// uplink down while the other specs run on the shared fabric: the same lab, faults (LAB_FAULT, so that
// the negative controls see their fault on every fabric) and bring-up (lab/netns/lifecycle.ts) as the
// shared one, brought up by the global setup beside it, each under its own run record and exit guard.
// The spec file's fixture takes its fabric down when the file ends (specs/spec-fabric.ts); the global
// setup's teardown, or its exit guard on Ctrl-C, takes down whatever is left. Never kept: LAB_KEEP=1
// keeps the shared fabric only.
import { removeArtifactDirIfEmpty, removeArtifactsOfRun } from '../lab/artifacts.js';
import type { Lab } from '../lab/description/index.js';
import type { FaultName } from '../lab/controls/faults.js';
import { guardExit } from '../lab/exit-guard.js';
import { startNetnsFabric } from '../lab/netns/lifecycle.js';
import type { NetnsDescription } from '../lab/netns/description.js';
import { Progress } from '../lab/progress.js';
import { RunRecord } from '../lab/run/run-state.js';
import type { RunningFabric } from '../lab/run/start.js';

/** The own fabrics of a run, by spec file. Example: {"failover-uplink-down.spec.ts": {fabric: "netns", runId: "3fa9c1", ...}} */
export type OwnFabrics = Readonly<Record<string, NetnsDescription>>;

/** Brings up a netns fabric for the spec file `spec`; its progress lines say which: "[netns failover-uplink-down] ...". */
export async function bringUpOwnFabric(lab: Lab, spec: string, faults: readonly FaultName[]): Promise<RunningFabric<NetnsDescription>> {
  const progress = new Progress(`netns ${spec.replace(/\.spec\.ts$/, '')}`);
  const running = await startNetnsFabric(lab, progress, { keep: false, faults });
  const { runId } = running.description;
  // As for the shared fabric: an interrupted run's captures are incomplete and go with the fabric.
  const artifacts = guardExit(() => removeArtifactsOfRun(runId), { signalOnly: true });
  return {
    description: running.description,
    finish: () => {
      artifacts.release();
      running.finish();
      removeArtifactDirIfEmpty(runId);
    },
  };
}

/**
 * Takes an own fabric down from the worker whose spec file has ended, by its run record (the processes
 * and namespaces it lists), as soon as the file is done with it; idempotent, so the global setup's
 * teardown after it finds nothing left.
 */
export function takeDownOwnFabric(description: NetnsDescription): void {
  RunRecord.load(description.runDir)?.teardownSync();
  removeArtifactDirIfEmpty(description.runId);
}
