// Carries out a plan: commands one after the other, waits by polling the Kubernetes API (bounded), a
// progress line per step. Or prints it (LAB_DRY_RUN=1).
import { UserFacingError } from '../util/errors.js';
import { CommandError, host } from '../exec/command.js';
import { pollUntil, PollTimeoutError } from '../util/poll.js';
import type { Progress } from '../run/progress.js';
import { KubernetesApi } from './kubernetes.js';
import { describeCondition, describeStep, type Step, type WaitCondition } from './plan.js';

const COMMAND_TIMEOUT_MS = 15 * 60_000;

export function formatPlan(title: string, steps: readonly Step[]): string {
  return `${title}\n${steps.map(describeStep).join('\n')}\n`;
}

async function holds(api: KubernetesApi, c: WaitCondition): Promise<{ done: boolean; seen: string }> {
  switch (c.type) {
    case 'node-address': {
      const addresses = (await api.core.readNode({ name: c.node })).status?.addresses ?? [];
      const internal = addresses.filter((a) => a.type === 'InternalIP').map((a) => a.address);
      return { done: internal.includes(c.address), seen: `InternalIP ${internal.join(', ') || 'none'}` };
    }
    case 'pods-ready': {
      const pods = (await api.core.listNamespacedPod({ namespace: c.namespace, labelSelector: c.labelSelector })).items;
      const ready = pods.filter((p) => p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True'));
      return { done: pods.length > 0 && ready.length === pods.length, seen: `${ready.length} of ${pods.length} pods Ready` };
    }
    case 'daemonset-ready': {
      const status = (await api.apps.readNamespacedDaemonSet({ namespace: c.namespace, name: c.name })).status;
      const desired = status?.desiredNumberScheduled ?? 0;
      return { done: desired > 0 && status?.numberReady === desired, seen: `${status?.numberReady ?? 0} of ${desired} Ready` };
    }
    case 'deployment-available': {
      const conditions = (await api.apps.readNamespacedDeployment({ namespace: c.namespace, name: c.name })).status?.conditions ?? [];
      const available = conditions.find((x) => x.type === 'Available');
      return { done: available?.status === 'True', seen: `Available=${available?.status ?? 'unknown'}` };
    }
    case 'loadbalancer-ip': {
      const ingress = (await api.core.readNamespacedService({ namespace: c.namespace, name: c.name })).status?.loadBalancer?.ingress ?? [];
      return { done: ingress[0]?.ip === c.ip, seen: `ingress ${ingress.map((i) => i.ip).join(', ') || 'none'}` };
    }
  }
}

/** One step as it ran, for the run record a bug report carries. Example: {"step":12,"what":"…","seconds":3.2,"outcome":"ok"} */
export interface StepRecord {
  readonly step: number;
  readonly what: string;
  readonly seconds: number;
  readonly outcome: 'ok' | 'failed';
  /** the output a step shows (the doctor's report, a tool's version), or the error of a failed step */
  readonly said?: string;
}

/**
 * Runs the steps; `recordUndo` is called with a step's undo command before the step runs. When a wait
 * times out, `diagnose` keeps what the cluster says (bring-up-diagnostics.ts) and the error names where.
 * `onStep` hears of every step that ran, with its duration and outcome.
 */
export async function runPlan(
  steps: readonly Step[],
  kubeconfig: string,
  progress: Progress,
  recordUndo: (argv: readonly string[]) => void,
  diagnose?: (condition: WaitCondition) => Promise<string>,
  onStep: (record: StepRecord) => void = () => {},
): Promise<void> {
  let api: KubernetesApi | undefined;
  for (const [index, step] of steps.entries()) {
    const started = performance.now();
    const record = (outcome: StepRecord['outcome'], said?: string): void =>
      onStep({ step: index + 1, what: step.what, seconds: Math.round(performance.now() - started) / 1000, outcome, ...(said ? { said } : {}) });
    try {
      const said = await runStep(step, () => (api ??= new KubernetesApi(kubeconfig)), recordUndo, diagnose);
      record('ok', said);
      progress.stage(`${step.what}${said ? `: ${said.split('\n')[0]}` : ''}`);
    } catch (error) {
      record('failed', error instanceof Error ? error.message : String(error));
      throw error;
    }
  }
}

/** Runs one step; resolves with the output it shows, if any. */
async function runStep(
  step: Step,
  api: () => KubernetesApi,
  recordUndo: (argv: readonly string[]) => void,
  diagnose?: (condition: WaitCondition) => Promise<string>,
): Promise<string | undefined> {
  let shown: string | undefined;
  if (step.kind === 'command') {
    if (step.undo) recordUndo(step.undo);
    const options = { timeoutMs: COMMAND_TIMEOUT_MS, ...(step.input === undefined ? {} : { input: step.input }), ...(step.cwd === undefined ? {} : { cwd: step.cwd }) };
    const result = await host.run(step.argv, options).catch((error: unknown) => {
      if (error instanceof CommandError && error.reason.startsWith('could not run')) {
        throw new UserFacingError(`${step.what}: \`${step.argv[0]}\` is not installed (README: the real lab's requirements)`);
      }
      throw error;
    });
    if (step.refuseIfListed !== undefined && result.stdout.split('\n').includes(step.refuseIfListed)) {
      throw new UserFacingError(
        `${step.refuseIfListed} already exists and this run did not create it: take it down with \`make destroy\`, ` +
          'or run the specs on it with LAB_REUSE=1 if `make deploy` made it',
      );
    }
    if (step.showOutput) shown = (result.stdout || result.stderr).trim();
  } else {
    const client = api();
    const { call, until } = describeCondition(step.condition);
    await pollUntil({ what: `${step.what} (${call}: ${until})`, timeoutMs: step.timeoutMs, intervalMs: 1_000, check: () => holds(client, step.condition) })
      .catch(async (error: unknown) => {
        if (!(error instanceof PollTimeoutError) || !diagnose) throw error;
        throw new Error(`${error.message}\nwhat the cluster said (events, describe, logs of Cilium, Coil and CoreDNS, cilium status, BIRD sessions) is in ${await diagnose(step.condition)}`);
      });
  }
  return shown;
}
