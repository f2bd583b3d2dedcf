// The kind fabric's bring-up and teardown as a plan: an ordered list of steps that is either carried out
// or, with LAB_DRY_RUN=1, printed. Both come from the same list, so the printed plan is what would run.

/** A command on the machine that runs the harness. */
export interface CommandStep {
  readonly kind: 'command';
  /** why the step is there, for the progress line and the printed plan */
  readonly what: string;
  readonly argv: readonly string[];
  /** input on stdin, e.g. a manifest for `kubectl apply -f -` */
  readonly input?: string;
}

/** A wait on the Kubernetes API (a list or a watch), never a sleep. */
export interface WaitStep {
  readonly kind: 'wait';
  readonly what: string;
  /** the API call, as it is printed: "GET /apis/apps/v1/namespaces/kube-system/daemonsets/cilium" */
  readonly call: string;
  /** until what holds, as it is printed */
  readonly until: string;
  readonly timeoutMs: number;
}

export type Step = CommandStep | WaitStep;

export function describeStep(step: Step, index: number): string {
  const head = `${String(index + 1).padStart(2)}. ${step.what}`;
  if (step.kind === 'command') {
    const input = step.input === undefined ? '' : `\n      stdin: ${step.input.split('\n').length} lines (${step.input.split('\n')[0]}...)`;
    return `${head}\n      $ ${step.argv.map(quote).join(' ')}${input}`;
  }
  return `${head}\n      API ${step.call}\n      until ${step.until} (at most ${step.timeoutMs / 1000} s)`;
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
