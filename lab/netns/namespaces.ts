// Network namespaces of the netns fabric and the commands run inside them.
import { host } from '../exec/command.js';
import { prefixedNodeExecutor, type NodeExecutor } from '../exec/conversation.js';
import type { RunRecord } from '../run/run-state.js';

export function netnsPath(netns: string): string {
  return `/run/netns/${netns}`;
}

/** The argv prefix that runs a command in `netns` and execs into it (so a daemon keeps its pid). */
export function inNamespace(netns: string): string[] {
  return ['nsenter', `--net=${netnsPath(netns)}`, '--'];
}

/** Commands in `netns`; relative paths are in `cwd`, when given (a node's: the run's directory). */
export function namespaceExecutor(where: string, netns: string, cwd?: string): NodeExecutor {
  return prefixedNodeExecutor(where, inNamespace(netns), cwd ? { cwd } : {});
}

/**
 * Creates a namespace with forwarding as given and reverse-path filtering off. A new namespace starts
 * with ip_forward=0 and inherits rp_filter from the host, so both are set explicitly; rp_filter is off
 * because strict filtering on the backend node drops DSR traffic that arrives through the other node.
 * `default` is set before any interface exists, so every interface inherits it.
 */
export async function createNamespace(run: RunRecord, netns: string, forwarding: boolean): Promise<void> {
  run.addNamespace(netns);
  await host.run(['ip', 'netns', 'add', netns]);
  await host.run([
    ...inNamespace(netns),
    'sysctl', '-q', '-w',
    `net.ipv4.ip_forward=${forwarding ? 1 : 0}`,
    'net.ipv4.conf.all.rp_filter=0',
    'net.ipv4.conf.default.rp_filter=0',
  ]);
  await ipBatch(netns, ['link set lo up']);
}

/** Runs several `ip` commands in one process inside `netns`. */
export async function ipBatch(netns: string, commands: readonly string[]): Promise<void> {
  await host.run(['ip', '-n', netns, '-batch', '-'], { input: `${commands.join('\n')}\n` });
}
