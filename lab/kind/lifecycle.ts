// Bringing the real lab up for a run (or for `make deploy`) through its plan, or printing the plan.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { host } from '../exec/command.js';
import { waitForConvergence, type ConvergenceBounds } from '../fabric/converge.js';
import { convergenceTargetOf } from '../manifests/convergence-target.js';
import { artifactsRoot, DEFAULT_MANIFESTS, runsRoot } from '../util/paths.js';
import { collectDiagnostics, diagnosticCommands } from './bring-up-diagnostics.js';
import type { PlanPaths, WaitCondition } from './plan.js';
import type { Progress } from '../run/progress.js';
import { startFabricRun, type RunningFabric } from '../run/start.js';
import type { Lab } from '../description/index.js';
import { kindBringUpPlan } from './bring-up-plan.js';
import type { KindDescription } from './description.js';
import { attachToLab, ciliumParts } from './attach.js';
import { KindFabric } from './kind-fabric.js';
import { KubernetesApi } from './kubernetes.js';
import { kindLab } from './names.js';
import { judgeDeployedLab } from './deployed-lab.js';
import { teardownOf } from './plan.js';
import { formatPlan, runPlan, type StepRecord } from './run-plan.js';
import { VERSIONS } from './versions.js';

/** Cilium's speakers and BIRD in containers take longer than the netns fabric's daemons. */
const CONVERGENCE_BOUNDS: ConvergenceBounds = { sessionsMs: 180_000, routesMs: 30_000 };

export function kindPlanPaths(runDir: string, manifests = DEFAULT_MANIFESTS): PlanPaths {
  return { kubeconfig: join(runDir, 'kubeconfig'), coilWorkDir: join(runDir, 'coil'), manifests };
}

/** LAB_DRY_RUN=1: the bring-up and the teardown a run would carry out, nothing run. */
export function kindPlanText(t: Lab): string {
  const steps = kindBringUpPlan(t, kindLab(t), kindPlanPaths(join(runsRoot, 'RUN_ID'), t.files.manifests));
  return (
    `${formatPlan(`bring-up of the kind fabric (${steps.length} steps)`, steps)}` +
    `then the convergence wait (lab/fabric/converge.ts, at most ${CONVERGENCE_BOUNDS.sessionsMs / 1000} s) through the fabric contract: ` +
    `birdc in each container, CiliumBGPNodeConfig status, ip route on ${t.router.name}, Coil's AddressBlocks; then the specs\n\n` +
    formatPlan('teardown', teardownOf(steps))
  );
}

/** LAB_REUSE=1 on a lab this checkout did not leave up: attach to it by its names, touching nothing. */
export async function attachKindFabric(t: Lab, progress: Progress): Promise<KindDescription> {
  const { description, said } = await attachToLab(t, async (kubeconfig) => {
    const api = new KubernetesApi(kubeconfig);
    return ciliumParts(await api.apps.readNamespacedDaemonSet({ namespace: 'kube-system', name: 'cilium' }).catch(() => undefined));
  });
  progress.note(said);
  // Where the lab there differs from this repository's manifests, said first; then the specs judge the lab there.
  return { ...description, lab: await judgeDeployedLab(t, description.kubeconfig, description.runDir, host, progress) };
}

export async function startKindFabric(t: Lab, progress: Progress, options: { keep: boolean }): Promise<RunningFabric<KindDescription>> {
  const manifests = t.files.manifests;
  const target = convergenceTargetOf(t, manifests, t.files.cluster);
  const whenKept = (): string =>
    '  run specs on it:  make test   (LAB_FABRIC=kind LAB_REUSE=1 npx vitest run --project conformance)\n  take it down:     make destroy\n';
  return startFabricRun(progress, { keep: options.keep, whenKept }, async (run) => {
    const paths = kindPlanPaths(run.dir, manifests);
    mkdirSync(paths.coilWorkDir, { recursive: true });
    const lab = kindLab(t);
    const diagnose = async (condition: WaitCondition): Promise<string> => {
      const dir = join(artifactsRoot, run.state.runId, 'bring-up');
      await collectDiagnostics(dir, diagnosticCommands(paths.kubeconfig, lab, condition));
      return dir;
    };
    // The run record a bug report carries: the pins, the doctor's findings, each step's time and outcome.
    const recordFile = join(artifactsRoot, run.state.runId, 'run-record.json');
    const steps: StepRecord[] = [];
    const onStep = (step: StepRecord): void => {
      steps.push(step);
      mkdirSync(dirname(recordFile), { recursive: true });
      writeFileSync(recordFile, `${JSON.stringify({ runId: run.state.runId, fabric: 'kind', versions: VERSIONS, manifests, steps }, null, 2)}\n`);
    };
    await runPlan(kindBringUpPlan(t, lab, paths), paths.kubeconfig, progress, (argv) => run.addUndo(argv), diagnose, onStep);
    const description: KindDescription = { fabric: 'kind', runId: run.state.runId, runDir: run.dir, kubeconfig: paths.kubeconfig, lab: t, names: lab };
    run.setDescription(description);
    await waitForConvergence(new KindFabric(description), t, progress, target, CONVERGENCE_BOUNDS);
    return description;
  });
}
