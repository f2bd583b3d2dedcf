// A netns fabric of a disruptive spec file's own, so that it can kill a speaker or take an uplink down
// while the other specs run on the shared fabric: the same lab, faults (LAB_FAULT, so that the negative
// controls see their fault on every fabric) and bring-up (lab/netns/lifecycle.ts) as the global setup's,
// with the same run record and exit guard, so that it is torn down however the spec file ends, and a
// later run removes it after a kill -9. Never kept: LAB_KEEP=1 keeps the shared fabric only.
import { removeArtifactDirIfEmpty, removeArtifactsOfRun } from '../lab/artifacts.js';
import type { Lab } from '../lab/description/index.js';
import { readLabOptions } from '../lab/env.js';
import { guardExit } from '../lab/exit-guard.js';
import { startNetnsFabric } from '../lab/netns/lifecycle.js';
import { NetnsFabric } from '../lab/netns/netns-fabric.js';
import { Progress } from '../lab/progress.js';
import type { SpecFabric } from './spec-fabric.js';

/** A fabric up for one spec file, and how to take it down. */
export interface OwnFabric {
  readonly handle: SpecFabric;
  /** tears the fabric down, and its artifact folder if no failing test kept anything in it */
  finish(): void;
}

let orphanGuarded = false;

/**
 * A runner killed with kill -9 leaves its workers running, their IPC channel closed, and nobody will
 * stop them: such a worker ends at once, and its exit guard takes its fabric down.
 */
function endIfOrphaned(): void {
  if (orphanGuarded || !process.connected) return;
  orphanGuarded = true;
  process.once('disconnect', () => process.exit(1));
}

/** Brings up a netns fabric for `spec` (a spec file's name, for its progress lines: "[netns failover-uplink-down] ..."). */
export async function bringUpOwnFabric(lab: Lab, spec: string): Promise<OwnFabric> {
  const { faults } = readLabOptions();
  endIfOrphaned();
  const progress = new Progress(`netns ${spec.replace(/\.spec\.ts$/, '')}`);
  const running = await startNetnsFabric(lab, progress, { keep: false, faults });
  const { runId } = running.description;
  // As in the global setup: an interrupted run's captures are incomplete and go with the fabric.
  const artifacts = guardExit(() => removeArtifactsOfRun(runId), { signalOnly: true });
  return {
    handle: { fabric: new NetnsFabric(running.description), runId },
    finish: () => {
      artifacts.release();
      running.finish();
      removeArtifactDirIfEmpty(runId);
    },
  };
}
