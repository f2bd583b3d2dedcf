// The kind fabric's bring-up and teardown as a plan: an ordered list of steps that is either carried out
// or, with LAB_DRY_RUN=1, printed. Both come from the same list, so the printed plan is what would run.

/**
 * What a step needs before it can work, or makes available to later steps. A unit test checks that
 * every need of the plan is provided by an earlier step; `make plan` prints both beside each step.
 */
export type Capability =
  | 'docker' | 'tools' | 'bird-image' | 'kind-nodes' | 'api-server' | 'net0' | 'node-ips' | 'bird-listening'
  | 'coil-source' | 'coil-manifests' | 'coil-installed' | 'coil-api-access' | 'coil-webhook' | 'cni-config'
  | 'cilium-installed' | 'clusterip-routing' | 'cilium-crds' | 'pod-pool' | 'dns' | 'lab-resources';

/** What every step says of itself besides what it does. */
export interface StepContract {
  readonly needs?: readonly Capability[];
  readonly provides?: readonly Capability[];
  /** the upstream source the step follows: the published Makefile's line, a doc page, a chart or Makefile path */
  readonly source?: string;
  /** where the step does not do what its source does by the same mechanism: what differs, and why */
  readonly deviation?: string;
}

/** A command on the machine that runs the harness. */
export interface CommandStep extends StepContract {
  readonly kind: 'command';
  /** why the step is there, for the progress line and the printed plan */
  readonly what: string;
  readonly argv: readonly string[];
  /** input on stdin, e.g. a manifest for `kubectl apply -f -` */
  readonly input?: string;
  /** the working directory, where a tool writes relative to it (Coil's `make certs` uses $(PWD)) */
  readonly cwd?: string;
  /** the command that undoes what this step makes; recorded before the step runs, run at teardown */
  readonly undo?: readonly string[];
  /** the step fails, saying why, if a line of its output is this (e.g. a cluster of the lab's name) */
  readonly refuseIfListed?: string;
  /** the progress line shows the first line of the output (a tool's version) */
  readonly showOutput?: boolean;
}

/** What a wait step waits for, read through the Kubernetes API. */
export type WaitCondition =
  | { readonly type: 'node-address'; readonly node: string; readonly address: string }
  | { readonly type: 'pods-ready'; readonly namespace: string; readonly labelSelector: string }
  | { readonly type: 'daemonset-ready'; readonly namespace: string; readonly name: string }
  | { readonly type: 'deployment-available'; readonly namespace: string; readonly name: string }
  | { readonly type: 'loadbalancer-ip'; readonly namespace: string; readonly name: string; readonly ip: string };

/** A wait on the Kubernetes API, polled until it holds or the time is up; never a sleep. */
export interface WaitStep extends StepContract {
  readonly kind: 'wait';
  readonly what: string;
  readonly condition: WaitCondition;
  readonly timeoutMs: number;
}

export type Step = CommandStep | WaitStep;

/** Where a plan's files go. */
export interface PlanPaths {
  /** the kubeconfig kind writes and every kubectl and API call uses (never ~/.kube/config) */
  readonly kubeconfig: string;
  /** where Coil's release source is unpacked to build its manifests */
  readonly coilWorkDir: string;
  /** the folder of manifests the cluster is made from (LAB_MANIFESTS, by default manifests/) */
  readonly manifests: string;
}

/** The API call a condition is read with, and what must hold, as the plan prints them. */
export function describeCondition(c: WaitCondition): { call: string; until: string } {
  switch (c.type) {
    case 'node-address':
      return { call: `GET /api/v1/nodes/${c.node}`, until: `status.addresses has InternalIP ${c.address}` };
    case 'pods-ready':
      return { call: `GET /api/v1/namespaces/${c.namespace}/pods?labelSelector=${c.labelSelector}`, until: 'at least one pod, and every pod Ready' };
    case 'daemonset-ready':
      return { call: `GET /apis/apps/v1/namespaces/${c.namespace}/daemonsets/${c.name}`, until: 'numberReady = desiredNumberScheduled > 0' };
    case 'deployment-available':
      return { call: `GET /apis/apps/v1/namespaces/${c.namespace}/deployments/${c.name}`, until: 'condition Available = True' };
    case 'loadbalancer-ip':
      return { call: `GET /api/v1/namespaces/${c.namespace}/services/${c.name}`, until: `status.loadBalancer.ingress[0].ip = ${c.ip}` };
  }
}

/** The step's needs, provides and source, as lines under it. */
function contractLines(step: StepContract): string {
  const lines = [
    ...(step.needs?.length ? [`needs ${step.needs.join(', ')}`] : []),
    ...(step.provides?.length ? [`provides ${step.provides.join(', ')}`] : []),
    ...(step.source ? [`source: ${step.source}`] : []),
    ...(step.deviation ? [`deviation: ${step.deviation}`] : []),
  ];
  return lines.map((l) => `\n      ${l}`).join('');
}

/** Each need of `steps` that no earlier step provides: "step 12 (…) needs net0". */
export function unmetNeeds(steps: readonly Step[]): string[] {
  const provided = new Set<Capability>();
  const unmet: string[] = [];
  steps.forEach((step, index) => {
    for (const need of step.needs ?? []) if (!provided.has(need)) unmet.push(`step ${index + 1} (${step.what}) needs ${need}`);
    (step.provides ?? []).forEach((c) => provided.add(c));
  });
  return unmet;
}

export function describeStep(step: Step, index: number): string {
  return describeAction(step, index) + contractLines(step);
}

function describeAction(step: Step, index: number): string {
  const head = `${String(index + 1).padStart(2)}. ${step.what}`;
  if (step.kind === 'command') {
    const input = step.input === undefined ? '' : `\n      stdin: ${step.input.split('\n')[0]}...`;
    const refuse = step.refuseIfListed === undefined ? '' : `\n      refuse if it lists ${step.refuseIfListed}`;
    const undo = step.undo === undefined ? '' : `\n      undone at teardown by: ${step.undo.map(quote).join(' ')}`;
    const argv = step.argv.map(quote).join(' ');
    const shown = step.cwd === undefined ? argv : `(cd ${quote(step.cwd)} && ${argv})`;
    return `${head}\n      $ ${shown}${input}${refuse}${undo}`;
  }
  const { call, until } = describeCondition(step.condition);
  return `${head}\n      API ${call}\n      until ${until} (at most ${step.timeoutMs / 1000} s)`;
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The teardown a plan implies: the undo commands of its steps, newest first. */
export function teardownOf(steps: readonly Step[]): CommandStep[] {
  return steps
    .flatMap((s) => (s.kind === 'command' && s.undo ? [{ kind: 'command' as const, what: `undo: ${s.what}`, argv: s.undo }] : []))
    .reverse();
}
