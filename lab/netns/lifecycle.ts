// Bringing the netns fabric up for a run (or attaching to a kept one), and taking it down.
import { existsSync, readFileSync } from 'node:fs';
import { guardExit } from '../exit-guard.js';
import { FAULTS, type FaultName } from '../faults.js';
import { runsRoot } from '../paths.js';
import { preflightNetns } from '../preflight.js';
import type { Progress } from '../progress.js';
import { waitForConvergence } from '../converge.js';
import type { Topology } from '../topology.js';
import { bringUpNetns } from './bring-up.js';
import type { NetnsDescription } from './description.js';
import { NetnsFabric } from './fabric.js';
import { makeFault } from './faults.js';
import { isRunning } from '../run/processes.js';
import { cleanStaleRuns, RunRecord } from '../run/run-state.js';

export interface RunningNetnsFabric {
  readonly description: NetnsDescription;
  /** tears down, or with LAB_KEEP=1 leaves the fabric up and says how to reuse it */
  finish(): void;
}

export async function startNetnsFabric(
  t: Topology,
  progress: Progress,
  options: { keep: boolean; faults?: readonly FaultName[] },
): Promise<RunningNetnsFabric> {
  preflightNetns();
  const cleaned = cleanStaleRuns(runsRoot);
  if (cleaned.length > 0) progress.stage(`removed what crashed runs ${cleaned.join(', ')} left behind`);
  const run = RunRecord.create(runsRoot);
  const guard = guardExit(() => run.teardownSync());
  try {
    const faults = options.faults ?? [];
    const description = await bringUpNetns(t, run, progress, faults);
    await waitForConvergence(new NetnsFabric(description), t, progress);
    for (const fault of faults) {
      await makeFault(fault, t, description, run);
      progress.stage(`fault ${fault}: ${FAULTS[fault].what}`);
    }
    return {
      description,
      finish: () => {
        if (!options.keep) return guard.cleanupNow();
        run.markKept();
        guard.release();
        process.stderr.write(
          `[netns] LAB_KEEP=1: fabric ${run.state.runId} is left up (state in ${run.dir}).\n` +
            '  run specs on it:  sudo LAB_REUSE=1 npx vitest run -t dsr\n' +
            '  take it down:     sudo npm run down\n',
        );
      },
    };
  } catch (error) {
    const deaths = deadDaemons(run);
    guard.cleanupNow();
    if (deaths && error instanceof Error) error.message += `\n${deaths}`;
    throw error;
  }
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
