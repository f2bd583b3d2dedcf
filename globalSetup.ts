// vitest's global setup for the conformance specs: checks the LAB_* variables, brings the fabric up
// (or attaches to a kept one), hands the specs its description, and tears it down however the run ends.
import type { TestProject } from 'vitest/node';
import type { FabricDescription } from './lab/connect.js';
import { readLabOptions } from './lab/env.js';
import { UserFacingError } from './lab/errors.js';
import { keptNetnsFabric, liveNetnsRunIds, startNetnsFabric } from './lab/netns/lifecycle.js';
import { removeArtifactDirIfEmpty, removeArtifactsOfEndedRuns, removeArtifactsOfRun } from './lab/artifacts.js';
import { guardExit } from './lab/exit-guard.js';
import { Progress } from './lab/progress.js';
import { topology } from './lab/topology.js';

declare module 'vitest' {
  export interface ProvidedContext {
    fabric: FabricDescription;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const options = readLabOptions();
  if (options.fabric === 'kind') {
    throw new UserFacingError('LAB_FABRIC=kind: the kind fabric is not built yet; use LAB_FABRIC=netns (the default)');
  }
  const progress = new Progress(options.fabric);
  removeArtifactsOfEndedRuns(liveNetnsRunIds());
  if (options.reuse) {
    const description = keptNetnsFabric();
    progress.stage(`LAB_REUSE=1: running on the kept fabric ${description.runId}`);
    project.provide('fabric', description);
    return () => removeArtifactDirIfEmpty(description.runId);
  }
  const running = await startNetnsFabric(topology, progress, { keep: options.keep, faults: options.faults });
  const { runId } = running.description;
  guardExit(() => removeArtifactsOfRun(runId), { signalOnly: true });
  project.provide('fabric', running.description);
  return () => {
    running.finish();
    removeArtifactDirIfEmpty(runId);
  };
}
