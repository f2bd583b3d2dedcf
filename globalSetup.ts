// vitest's global setup for the conformance specs: checks the LAB_* variables, brings up the fabrics the
// selected specs need, at once (the shared one, or a kept one to attach to, and on netns one per
// disruptive spec file: specs/spec-files.ts, specs/own-fabric.ts), hands the specs the lab and their
// descriptions (on netns each fabric once it has converged, while the workers start), and tears them
// down however the run ends.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { removeArtifactDirIfEmpty, removeArtifactsOfEndedRuns } from './lab/run/artifacts.js';
import type { FabricDescription } from './lab/fabric/fabric-description.js';
import type { FabricKind } from './lab/fabric/fabric-contract.js';
import { readLabOptions } from './lab/run/env.js';
import { guardExit } from './lab/run/exit-guard.js';
import { recordOwnerTemp } from './lab/run/owner-temp.js';
import { prepareNetns, startNetnsFabric } from './lab/netns/lifecycle.js';
import { Progress } from './lab/run/progress.js';
import { hasKeptFabric, keptFabric, liveRunIds } from './lab/run/runs.js';
import { readLab, type Lab } from './lab/description/index.js';
import type { RunningFabric } from './lab/run/start.js';
import { bringUpOwnFabric, handOver, SHARED, type OwnFabrics } from './specs/own-fabric.js';
import { removeStaleLock } from './specs/shared-fabric-lock.js';
import { selectedSpecFiles } from './specs/selection.js';
import { fabricUse } from './specs/spec-files.js';
import { writeRunFabric } from './lab/report/run-files.js';
import { podAddresses } from './lab/report/pod-addresses.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** the shared fabric; null when the run selects no test that runs on it */
    fabric: FabricDescription | null;
    /** the lab the specs list their checks from, and the disruptive specs bring their own fabric up from */
    lab: Lab;
    fabricKind: FabricKind;
    /** the disruptive spec files' own fabrics (netns), by file */
    ownFabrics: OwnFabrics;
    /** the run whose folder holds the run's page (lab/report/): the shared fabric's, or else the first own fabric's */
    pageRunId: string | null;
  }
}

/** LAB_DRY_RUN=1 ends the test run with this status: no test ran, so it is not a success. */
export const DRY_RUN_EXIT_STATUS = 2;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
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
  // closes, which the exit after a signal skips; a kill -9 skips both, and the next run removes it, as
  // the fabrics' run records name it (lab/run/owner-temp.ts).
  guardExit(() => rmSync(project.tmpDir, { recursive: true, force: true }), { signalOnly: true });
  recordOwnerTemp(project.tmpDir);
  const progress = new Progress(options.fabric);
  removeArtifactsOfEndedRuns(liveRunIds());
  // The lab, read from its files before anything is made: a file that says something the harness
  // cannot build stops the run here, naming file, node and field.
  const topology = options.reuse && options.fabric === 'netns' ? undefined : readLab(options.files, options.fabric);
  const kept = options.reuse ? await keptOrAttached(options.fabric, topology, progress) : undefined;
  const lab = kept?.lab ?? topology!;
  const selected = await selectedSpecFiles(project, lab);
  const ownFiles = selected.filter((file) => fabricUse(file, options.fabric) === 'own');
  const sharedNeeded = !kept && selected.some((file) => fabricUse(file, options.fabric) === 'shared');
  if (ownFiles.length > 0) progress.note(`the disruptive specs ${ownFiles.join(', ')} each bring up a netns fabric of their own, with the same lab and faults`);
  if (kept?.fabric === 'netns') progress.note('LAB_REUSE=1: the kept fabric runs the shared specs only');
  if (!kept && !sharedNeeded) progress.note('no shared fabric: the run selects no test of the specs that share one');
  // What stops every netns bring-up (a missing binary, a manifest the fabric cannot run) is checked once,
  // here, and stops the run before any test. Then every fabric starts coming up at once, and on netns the
  // workers start meanwhile: each spec file's fixture waits for its fabric, the shared one included
  // (specs/own-fabric.ts). A kind cluster is awaited here; its specs run in one worker after it.
  const sharedOnNetns = sharedNeeded && options.fabric === 'netns';
  const prepared = ownFiles.length > 0 || sharedOnNetns ? await prepareNetns(lab, progress) : undefined;
  const own: OwnFabrics = { dir: join(project.tmpDir, 'own-fabrics'), files: ownFiles, shared: sharedOnNetns };
  // The run's page (lab/report/, whose reporter runs in the main process, at the end) is the shared
  // fabric's run, or where there is none, the first own fabric's: recorded before any spec has it.
  project.provide('pageRunId', null);
  const recordPage = async (description: FabricDescription, convergedMs?: number): Promise<void> => {
    writeRunFabric({ description, ...(convergedMs !== undefined ? { convergedMs } : {}), podIps: await podAddresses(description) });
    project.provide('pageRunId', description.runId);
  };
  // Every fabric that came up, kept as it comes (before its page is recorded, which may fail), for the teardown.
  const up: RunningFabric<FabricDescription>[] = [];
  const started = <R extends RunningFabric<FabricDescription>>(bringUp: Promise<R>, page?: () => number | undefined): Promise<R> =>
    bringUp.then(async (running) => {
      up.push(running);
      if (page) await recordPage(running.description, page());
      return running;
    });
  const pageIsOwn = !kept && !sharedNeeded;
  const ownBringUps = ownFiles.map((file, i) => started(bringUpOwnFabric(lab, file, options.faults, prepared!), i === 0 && pageIsOwn ? () => undefined : undefined));
  ownBringUps.forEach((bringUp, i) => handOver(own, ownFiles[i]!, bringUp));
  const sharedNetns = sharedOnNetns
    ? started(startNetnsFabric(topology!, progress, { keep: options.keep, faults: options.faults, prepared: prepared! }), () => progress.elapsedMs())
    : undefined;
  if (sharedNetns) handOver(own, SHARED, sharedNetns);
  const finishAll = async (): Promise<void> => {
    await Promise.allSettled([...ownBringUps, ...(sharedNetns ? [sharedNetns] : [])]);
    up.forEach((running) => running.finish());
  };
  const sharedKind = sharedNeeded && options.fabric === 'kind'
    ? await started((await import('./lab/kind/lifecycle.js')).startKindFabric(topology!, progress, { keep: options.keep }), () => progress.elapsedMs())
    : undefined;
  if (kept) {
    await recordPage(kept);
    if (kept.fabric === 'netns') removeStaleLock(kept.runDir);
  }
  project.provide('fabricKind', options.fabric);
  project.provide('lab', lab);
  project.provide('fabric', sharedKind?.description ?? kept ?? null);
  project.provide('ownFabrics', own);
  return async () => {
    await finishAll();
    if (kept) removeArtifactDirIfEmpty(kept.runId);
  };
}

/** LAB_REUSE=1: the fabric a LAB_KEEP=1 run left up, or on kind a lab this checkout did not leave up (the published demo's, say), attached to untouched. */
async function keptOrAttached(fabric: FabricKind, topology: Lab | undefined, progress: Progress): Promise<FabricDescription> {
  const description =
    fabric === 'kind' && !hasKeptFabric('kind')
      ? await (await import('./lab/kind/lifecycle.js')).attachKindFabric(topology!, progress)
      : keptFabric(fabric);
  if (description.runId !== 'attached') progress.stage(`LAB_REUSE=1: running on the kept fabric ${description.runId}`);
  return description;
}
