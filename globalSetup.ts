// vitest's global setup for the conformance specs: checks the LAB_* variables, brings the shared fabric
// up (or attaches to a kept one) when the run selects a spec that runs on it, hands the specs the lab and
// its description, and tears it down however the run ends. On netns the disruptive specs bring up their
// own (specs/spec-files.ts, specs/own-fabric.ts).
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { removeArtifactDirIfEmpty, removeArtifactsOfEndedRuns, removeArtifactsOfRun } from './lab/artifacts.js';
import type { FabricDescription } from './lab/fabric-description.js';
import type { FabricKind } from './lab/fabric-contract.js';
import { readLabOptions } from './lab/env.js';
import { guardExit } from './lab/exit-guard.js';
import { startNetnsFabric } from './lab/netns/lifecycle.js';
import { Progress } from './lab/progress.js';
import { hasKeptFabric, keptFabric, liveRunIds } from './lab/run/runs.js';
import { readLab, type Lab } from './lab/description/index.js';
import { removeStaleLock } from './specs/shared-fabric-lock.js';
import { selectsSharedSpecs } from './specs/selection.js';
import { DISRUPTIVE_SPEC_FILES } from './specs/spec-files.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** the shared fabric; null when the run selects no test that runs on it */
    fabric: FabricDescription | null;
    /** the lab the specs list their checks from, and the disruptive specs bring their own fabric up from */
    lab: Lab;
    fabricKind: FabricKind;
  }
}

/** LAB_DRY_RUN=1 ends the test run with this status: no test ran, so it is not a success. */
export const DRY_RUN_EXIT_STATUS = 2;

export default async function setup(project: TestProject): Promise<() => void> {
  const options = readLabOptions();
  if (options.dryRun) {
    const { kindPlanText } = await import('./lab/kind/lifecycle.js');
    process.stdout.write(kindPlanText(readLab(options.files, 'kind')));
    // Nothing was started, so there is nothing to tear down, and no spec can run without a fabric. The
    // exit status is not 0: a run in which no test ran must not read as a passing one.
    process.stdout.write('\nLAB_DRY_RUN=1: the plan above was printed; nothing was run and no test ran (exit status 2; `make plan` prints the plan alone)\n');
    process.exit(DRY_RUN_EXIT_STATUS);
  }
  // vitest removes the module copies it keeps for its workers (project.tmpDir, /tmp/<id>/ssr) when it
  // closes, which the exit after a signal skips.
  guardExit(() => rmSync(project.tmpDir, { recursive: true, force: true }), { signalOnly: true });
  const progress = new Progress(options.fabric);
  removeArtifactsOfEndedRuns(liveRunIds());
  project.provide('fabricKind', options.fabric);
  const ownFabrics =
    options.fabric === 'netns' ? `; the disruptive specs (${DISRUPTIVE_SPEC_FILES.join(', ')}) bring up a netns fabric each, with the same lab and faults` : '';
  // The lab, read from its files before anything is made: a file that says something the harness
  // cannot build stops the run here, naming file, node and field.
  const topology = options.reuse && options.fabric === 'netns' ? undefined : readLab(options.files, options.fabric);
  if (options.reuse) {
    // A kind lab this checkout did not leave up (the published demo's, say) is attached to, untouched.
    const description =
      options.fabric === 'kind' && !hasKeptFabric('kind')
        ? await (await import('./lab/kind/lifecycle.js')).attachKindFabric(topology!, progress)
        : keptFabric(options.fabric);
    if (description.runId !== 'attached') progress.stage(`LAB_REUSE=1: running on the kept fabric ${description.runId}`);
    if (description.fabric === 'netns') {
      progress.note(`LAB_REUSE=1: the kept fabric runs the shared specs only${ownFabrics}`);
      removeStaleLock(description.runDir);
    }
    project.provide('lab', description.lab);
    project.provide('fabric', description);
    return () => removeArtifactDirIfEmpty(description.runId);
  }
  project.provide('lab', topology!);
  if (!(await selectsSharedSpecs(project, topology!, options.fabric))) {
    progress.note(`no shared fabric: the run selects no test of the specs that share one${ownFabrics}`);
    project.provide('fabric', null);
    return () => {};
  }
  // The kind fabric's modules bring the Kubernetes client: loaded only for a kind run.
  const running =
    options.fabric === 'kind'
      ? await (await import('./lab/kind/lifecycle.js')).startKindFabric(topology!, progress, { keep: options.keep })
      : await startNetnsFabric(topology!, progress, { keep: options.keep, faults: options.faults });
  const { runId } = running.description;
  guardExit(() => removeArtifactsOfRun(runId), { signalOnly: true });
  project.provide('fabric', running.description);
  return () => {
    running.finish();
    removeArtifactDirIfEmpty(runId);
  };
}
