// Bringing the real lab up for a run (or for `make deploy`), through its plan, and taking it down.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { waitForConvergence } from '../converge.js';
import { guardExit } from '../exit-guard.js';
import { runsRoot } from '../paths.js';
import type { Progress } from '../progress.js';
import { cleanStaleRuns, RunRecord } from '../run/run-state.js';
import type { Topology } from '../topology.js';
import { kindBringUpPlan, type PlanPaths } from './bring-up-plan.js';
import type { KindDescription } from './description.js';
import { KindFabric } from './fabric.js';
import { kindLab } from './names.js';
import { teardownOf } from './plan.js';
import { formatPlan, runPlan } from './run-plan.js';

/** Cilium's speakers and BIRD in containers take longer than the netns fabric's daemons. */
const CONVERGENCE_TIMEOUT_MS = 180_000;

export function kindPlanPaths(runDir: string): PlanPaths {
  return { kubeconfig: join(runDir, 'kubeconfig'), coilWorkDir: join(runDir, 'coil') };
}

/** LAB_DRY_RUN=1: the bring-up and the teardown a run would carry out, nothing run. */
export function kindPlanText(t: Topology): string {
  const steps = kindBringUpPlan(t, kindLab(t), kindPlanPaths(join(runsRoot, 'RUN_ID')));
  return (
    `${formatPlan(`bring-up of the kind fabric (${steps.length} steps)`, steps)}` +
    `then the convergence wait (lab/converge.ts, at most ${CONVERGENCE_TIMEOUT_MS / 1000} s) through the fabric contract: ` +
    'birdc in each container, CiliumBGPNodeConfig status, ip route on router0, Coil\'s AddressBlocks; then the specs\n\n' +
    formatPlan('teardown', teardownOf(steps))
  );
}

export interface RunningKindFabric {
  readonly description: KindDescription;
  finish(): void;
}

export async function startKindFabric(t: Topology, progress: Progress, options: { keep: boolean }): Promise<RunningKindFabric> {
  const cleaned = cleanStaleRuns(runsRoot);
  if (cleaned.length > 0) progress.stage(`removed what crashed runs ${cleaned.join(', ')} left behind`);
  const run = RunRecord.create(runsRoot);
  const guard = guardExit(() => run.teardownSync());
  const paths = kindPlanPaths(run.dir);
  mkdirSync(paths.coilWorkDir, { recursive: true });
  const lab = kindLab(t);
  try {
    await runPlan(kindBringUpPlan(t, lab, paths), paths.kubeconfig, progress, (argv) => run.addUndo(argv));
    const description: KindDescription = { fabric: 'kind', runId: run.state.runId, runDir: run.dir, kubeconfig: paths.kubeconfig, lab };
    run.setDescription(description);
    await waitForConvergence(new KindFabric(description), t, progress, CONVERGENCE_TIMEOUT_MS);
    return {
      description,
      finish: () => {
        if (!options.keep) return guard.cleanupNow();
        run.markKept();
        guard.release();
        process.stderr.write(
          `[kind] the lab is left up (state in ${run.dir}; kubeconfig ${paths.kubeconfig}).\n` +
            '  run specs on it:  make test   (LAB_FABRIC=kind LAB_REUSE=1 npx vitest run --project conformance)\n' +
            '  take it down:     make destroy\n',
        );
      },
    };
  } catch (error) {
    guard.cleanupNow();
    throw error;
  }
}
