// Names of the real lab's parts, all derived from lab/topology.ts.
import { join } from 'node:path';
import { repoRoot } from '../paths.js';
import type { NodeName, ServerName, Topology } from '../topology.js';

export interface KindLab {
  readonly cluster: string;
  /** containerlab's container of each node: clab-<lab>-<node> */
  readonly containers: Record<NodeName, string>;
  /** the kind node whose network namespace each server shares */
  readonly kindNodes: Record<ServerName, string>;
  readonly clusterConfig: string;
  readonly topologyFile: string;
}

export function kindLab(t: Topology): KindLab {
  return {
    cluster: t.name,
    containers: {
      router0: `clab-${t.name}-router0`,
      server0: `clab-${t.name}-server0`,
      server1: `clab-${t.name}-server1`,
    },
    kindNodes: { server0: t.nodes.server0.kindNode, server1: t.nodes.server1.kindNode },
    clusterConfig: join(repoRoot, 'lab', 'kind', 'cluster.yaml'),
    topologyFile: join(repoRoot, 'lab', 'kind', 'topology.clab.yaml'),
  };
}
