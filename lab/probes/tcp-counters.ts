// The kernel's TCP counters in a node's network namespace (/proc/net/snmp is per namespace): what the
// kernel says happened to connections, e.g. how many dials a peer refused (AttemptFails counts
// connections that went from SYN-SENT or SYN-RECEIVED straight to CLOSED).
import type { Executor } from '../exec/command.js';

/** The `Tcp:` counters of /proc/net/snmp. Example: {"ActiveOpens":32,"AttemptFails":1,...} */
export type TcpCounters = Readonly<Record<string, number>>;

/** Parses /proc/net/snmp's two `Tcp:` lines (names, then values); throws on any other shape. */
export function parseTcpCounters(snmp: string): TcpCounters {
  const lines = snmp.split('\n').filter((line) => line.startsWith('Tcp:'));
  if (lines.length !== 2) throw new Error(`/proc/net/snmp: expected two Tcp: lines, found ${lines.length}`);
  const names = lines[0]!.split(/\s+/).slice(1);
  const values = lines[1]!.split(/\s+/).slice(1).map(Number);
  if (names.length !== values.length || values.some((v) => !Number.isFinite(v))) {
    throw new Error(`/proc/net/snmp: Tcp: names and values do not pair up:\n${lines.join('\n')}`);
  }
  return Object.fromEntries(names.map((name, i) => [name, values[i]!]));
}

export async function tcpCounters(node: Executor): Promise<TcpCounters> {
  return parseTcpCounters((await node.run(['cat', '/proc/net/snmp'])).stdout);
}
