// The life of a run, the same on both fabrics: clean what crashed runs left, record what this one makes,
// tear it down however the process ends, or leave it up on purpose (LAB_KEEP=1, `make deploy`).
import type { FabricDescription } from '../fabric/fabric-description.js';
import { removeArtifactDirIfEmpty, removeArtifactsOfRun } from './artifacts.js';
import { guardExit } from './exit-guard.js';
import { runsRoot } from '../util/paths.js';
import type { Progress } from './progress.js';
import { cleanStaleRuns, RunRecord } from './run-state.js';

export interface RunningFabric<D extends FabricDescription> {
  readonly description: D;
  /** tears down, or with `keep` leaves the fabric up and says how to use it */
  finish(): void;
}

export interface RunOptions {
  readonly keep: boolean;
  /** how to run specs on the fabric left up, and how to take it down */
  readonly whenKept: (run: RunRecord) => string;
  /** what to add to a failed bring-up's error, read before the teardown removes it */
  readonly explainFailure?: (run: RunRecord) => string;
}

export async function startFabricRun<D extends FabricDescription>(
  progress: Progress,
  options: RunOptions,
  bringUp: (run: RunRecord) => Promise<D>,
): Promise<RunningFabric<D>> {
  const cleaned = cleanStaleRuns(runsRoot);
  if (cleaned.length > 0) progress.stage(`removed what crashed runs ${cleaned.join(', ')} left behind`);
  const run = RunRecord.create(runsRoot);
  const guard = guardExit(() => run.teardownSync());
  try {
    const description = await bringUp(run);
    // an interrupted run's captures are incomplete and prove nothing: they go with the fabric
    const artifacts = guardExit(() => removeArtifactsOfRun(run.state.runId), { signalOnly: true });
    return {
      description,
      finish: () => {
        artifacts.release();
        removeArtifactDirIfEmpty(run.state.runId);
        if (!options.keep) return guard.cleanupNow();
        run.markKept();
        guard.release();
        process.stderr.write(`fabric ${run.state.runId} is left up (state in ${run.dir}).\n${options.whenKept(run)}`);
      },
    };
  } catch (error) {
    const why = options.explainFailure?.(run) ?? '';
    guard.cleanupNow();
    if (why && error instanceof Error) error.message += `\n${why}`;
    throw error;
  }
}
