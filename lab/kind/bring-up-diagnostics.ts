// What the real lab says when a bounded wait of its bring-up times out, kept for whoever reads the failure
// (and uploaded by the nightly workflow): the cluster's events, the describe output of what the wait
// watched, the last log lines of Cilium, Coil and CoreDNS, the Cilium agents' status, and every node's
// BIRD sessions. Each is the output of one command, bounded, written whether it succeeded or not.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { host, type Executor } from '../exec/command.js';
import { transcript } from '../exec/transcript.js';
import type { KindLab } from './names.js';
import type { WaitCondition } from './plan.js';

/** One file of the diagnostics and the command whose output it holds. */
export interface DiagnosticCommand {
  /** e.g. "events.txt" */
  readonly file: string;
  readonly argv: readonly string[];
}

/** The describe call for what `condition` watched. */
function describeWatched(c: WaitCondition): string[] {
  switch (c.type) {
    case 'node-address':
      return ['describe', 'node', c.node];
    case 'pods-ready':
      return ['describe', 'pods', '--namespace', c.namespace, '--selector', c.labelSelector];
    case 'daemonset-ready':
      return ['describe', 'daemonset', '--namespace', c.namespace, c.name];
    case 'deployment-available':
      return ['describe', 'deployment', '--namespace', c.namespace, c.name];
    case 'loadbalancer-ip':
      return ['describe', 'service', '--namespace', c.namespace, c.name];
  }
}

/** The commands, in the order they run. */
export function diagnosticCommands(kubeconfig: string, lab: KindLab, condition: WaitCondition): DiagnosticCommand[] {
  const kubectl = ['kubectl', '--kubeconfig', kubeconfig];
  const logs = (selector: string): string[] => [...kubectl, 'logs', '--namespace', 'kube-system', '--selector', selector, '--all-containers', '--prefix', '--tail', '50'];
  return [
    { file: 'events.txt', argv: [...kubectl, 'get', 'events', '--all-namespaces', '--sort-by', '.lastTimestamp'] },
    { file: 'describe.txt', argv: [...kubectl, ...describeWatched(condition)] },
    { file: 'pods.txt', argv: [...kubectl, 'get', 'pods', '--all-namespaces', '--output', 'wide'] },
    { file: 'logs-cilium.txt', argv: logs('k8s-app=cilium') },
    { file: 'logs-coil.txt', argv: logs('app.kubernetes.io/name=coil') },
    { file: 'logs-coredns.txt', argv: logs('k8s-app=kube-dns') },
    { file: 'cilium-status.txt', argv: [...kubectl, 'exec', '--namespace', 'kube-system', 'daemonset/cilium', '--', 'cilium-dbg', 'status'] },
    ...Object.entries(lab.containers).map(([node, container]) => ({ file: `bird-${node}.txt`, argv: ['docker', 'exec', container, 'birdc', 'show', 'protocols'] })),
  ];
}

/** Runs the commands and writes each one's output into `dir`; resolves with the files written. */
export async function collectDiagnostics(dir: string, commands: readonly DiagnosticCommand[], exec: Executor = host): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  for (const { file, argv } of commands) writeFileSync(join(dir, file), await transcript(exec, argv, 30_000));
  return commands.map((c) => join(dir, c.file));
}
