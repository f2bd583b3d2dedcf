// Bringing the netns fabric up for a run: preflight and plan (once a run), bring-up, convergence, then
// the faults asked for.
import { existsSync, readFileSync } from 'node:fs';
import { FAULTS, type FaultName } from '../controls/faults.js';
import { controlRoles } from '../controls/roles.js';
import { preflightNetns } from './preflight.js';
import type { SpeakerBinaries } from '../gobgp/speaker-binaries.js';
import type { Progress } from '../run/progress.js';
import { waitForConvergence } from '../fabric/converge.js';
import type { Lab } from '../description/index.js';
import { birdVersion } from './bird.js';
import { bringUpNetns } from './bring-up.js';
import { displayPath } from '../manifests/load.js';
import { readNetnsPlan } from './manifest-plan.js';
import type { NetnsDescription } from './description.js';
import { NetnsFabric } from './netns-fabric.js';
import { makeFault } from './faults.js';
import { isRunning } from '../run/processes.js';
import type { RunRecord } from '../run/run-state.js';
import { startFabricRun, type RunningFabric } from '../run/start.js';

/**
 * What every netns bring-up of a run needs first, checked once however many fabrics the run brings up:
 * the host (root, binaries, the built datapath), the speaker's binaries, and the manifests planned onto
 * the fabric. What stops it stops every bring-up, so the global setup awaits it before any test.
 */
export interface NetnsPreparation {
  readonly speaker: SpeakerBinaries;
  readonly plan: ReturnType<typeof readNetnsPlan>;
}

/** Checks the host and reads the plan, and says once what will run: the speaker, BIRD, the lab's files and their notes. */
export async function prepareNetns(t: Lab, progress: Progress): Promise<NetnsPreparation> {
  const speaker = await preflightNetns();
  progress.note(`speaker: gobgpd ${speaker.version} (${speaker.origin}); BIRD ${await birdVersion()}`);
  if (speaker.note) progress.note(speaker.note);
  // Read before anything is made: a manifest the netns fabric cannot run stops the run here.
  const plan = readNetnsPlan(t);
  progress.note(`lab: ${displayPath(t.files.topology)}, ${displayPath(t.files.cluster)}, ${displayPath(t.files.claims)}; manifests: ${displayPath(t.files.manifests)}`);
  t.notes.forEach((note) => progress.note(`lab: ${note}`));
  plan.notes.forEach((note) => progress.note(`manifests: ${note}`));
  return { speaker, plan };
}

/** Brings a netns fabric up, converged and with its faults made; `prepared` is prepareNetns's, made here if not given. */
export async function startNetnsFabric(
  t: Lab,
  progress: Progress,
  options: { keep: boolean; faults?: readonly FaultName[]; prepared?: NetnsPreparation },
): Promise<RunningFabric<NetnsDescription>> {
  const { speaker, plan } = options.prepared ?? (await prepareNetns(t, progress));
  const whenKept = (): string => '  run specs on it:  sudo LAB_REUSE=1 npx vitest run -t dsr\n  take it down:     sudo npm run down\n';
  return startFabricRun(progress, { keep: options.keep, whenKept, explainFailure: deadDaemons }, async (run) => {
    const faults = options.faults ?? [];
    const description = await bringUpNetns(t, plan, run, progress, speaker, faults);
    await waitForConvergence(new NetnsFabric(description), t, progress, plan.target);
    const roles = controlRoles(t);
    for (const fault of faults) {
      await makeFault(fault, t, description, run);
      progress.stage(`fault ${fault}: ${FAULTS[fault].what(roles)}`);
    }
    return description;
  });
}

/** Which daemons of the run have exited, with the end of their logs: often the reason for a failure. */
function deadDaemons(run: RunRecord): string {
  return run.state.processes
    .filter((p) => !isRunning(p))
    .map((p) => {
      const tail = existsSync(p.logFile) ? readFileSync(p.logFile, 'utf8').trim().split('\n').slice(-5).join('\n    ') : '(no log)';
      return `${p.name} (pid ${p.pid}) is not running; the end of its log:\n    ${tail}`;
    })
    .join('\n');
}
