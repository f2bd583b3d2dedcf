// The runs of this checkout, whatever their fabric: the one a LAB_KEEP=1 run left up, the ones still
// alive, and taking down what was kept or left by a crash.
import type { FabricDescription } from '../fabric/fabric-description.js';
import { UserFacingError } from '../util/errors.js';
import type { FabricKind } from '../fabric/fabric-contract.js';
import { runsRoot } from '../util/paths.js';
import { isRunning } from './processes.js';
import { listRuns } from './run-state.js';

/** Whether a LAB_KEEP=1 run (or `make deploy`) of this checkout left a fabric of this kind up. */
export function hasKeptFabric(kind: FabricKind): boolean {
  return listRuns(runsRoot).some((r) => r.state.kept && r.state.description?.fabric === kind);
}

/** The newest fabric of this kind a LAB_KEEP=1 run (or `make deploy`) left up, if it still runs. */
export function keptFabric(kind: FabricKind): FabricDescription {
  const kept = listRuns(runsRoot).filter((r) => r.state.kept && r.state.description?.fabric === kind);
  if (kept.length === 0) {
    throw new UserFacingError(`LAB_REUSE=1: no ${kind} fabric was left up; bring one up with \`sudo LAB_KEEP=1 LAB_FABRIC=${kind} npm test\``);
  }
  const newest = kept.sort((a, b) => b.state.createdAt.localeCompare(a.state.createdAt))[0]!;
  if (newest.state.unusable) {
    throw new UserFacingError(`LAB_REUSE=1: the kept fabric ${newest.state.runId} is unusable: ${newest.state.unusable}; take it down with \`sudo npm run down\` and bring up a new one`);
  }
  const dead = newest.state.processes.filter((p) => !isRunning(p));
  if (dead.length > 0) {
    throw new UserFacingError(
      `LAB_REUSE=1: the kept fabric ${newest.state.runId} has lost ${dead.map((p) => p.name).join(', ')}; ` +
        'take it down with `sudo npm run down` and bring up a new one',
    );
  }
  return newest.state.description!;
}

/** Tears down every fabric this checkout left up or a crash left behind; returns their run ids. */
export function downAll(): string[] {
  return listRuns(runsRoot).filter((run) => run.state.kept || run.isStale()).map((run) => {
    run.teardownSync();
    return run.state.runId;
  });
}

/** The runs of this checkout that still hold a fabric: running, or kept. */
export function liveRunIds(): string[] {
  return listRuns(runsRoot).filter((run) => !run.isStale()).map((run) => run.state.runId);
}
