// Names of the real lab's parts, all derived from the lab's description (lab/description/): the kind
// cluster, containerlab's container of each node, the kind node each server shares, and the two files.
import type { Lab } from '../description/index.js';

/** Plain data, so that the global setup can hand it to the specs. Example: {"cluster":"bgpv2-bird-coil","containers":{"router0":"clab-bgpv2-bird-coil-router0",...},...} */
export interface KindLab {
  readonly cluster: string;
  /** containerlab's container of each node: clab-<lab>-<node> */
  readonly containers: Readonly<Record<string, string>>;
  /** the kind node whose network namespace each server shares */
  readonly kindNodes: Readonly<Record<string, string>>;
  /** the kind node that runs the API server (the first control-plane node) */
  readonly controlPlane: string;
  readonly clusterConfig: string;
  readonly topologyFile: string;
}

export function kindLab(t: Lab): KindLab {
  return {
    cluster: t.name,
    containers: Object.fromEntries([t.router, ...t.servers].map((n) => [n.name, n.container])),
    kindNodes: Object.fromEntries(t.servers.map((s) => [s.name, s.kindNode])),
    controlPlane: t.servers.find((s) => s.kindRole === 'control-plane')!.kindNode,
    clusterConfig: t.files.cluster,
    topologyFile: t.files.topology,
  };
}

/** containerlab's container of `node`. */
export function containerOf(names: KindLab, node: string): string {
  const found = names.containers[node];
  if (!found) throw new Error(`no node ${node} in the lab (${Object.keys(names.containers).join(', ')})`);
  return found;
}

/** The kind node `server` shares. */
export function kindNodeOf(names: KindLab, server: string): string {
  const found = names.kindNodes[server];
  if (!found) throw new Error(`no server ${server} in the lab (${Object.keys(names.kindNodes).join(', ')})`);
  return found;
}
