// `lab manifests [DIR] [--json]`: what Cilium, Coil and Kubernetes would make of a folder of manifests,
// without a fabric: each node's speaker (its AS, its peers with timers and graceful restart, the routes it
// would advertise to each, with communities and local preference), each Service's LoadBalancer IP or why
// it has none, each pod's node or why it stays Pending, Coil's pool and blocks, the datapath mode, and
// every note. As JSON for a script, or as text for a person; a refusal is the reader's one line.
import type { ClusterIntent } from './intent.js';

/** The JSON shape of `lab manifests --json`. */
export interface ManifestsView {
  /** localPreference is null where no advertisement sets one */
  readonly speakers: readonly {
    readonly node: string;
    readonly asn: number;
    readonly peers: readonly {
      readonly address: string;
      readonly asn: number;
      readonly port: number;
      readonly timers: { readonly connectRetrySeconds: number; readonly holdTimeSeconds: number; readonly keepAliveSeconds: number };
      readonly gracefulRestart: { readonly enabled: boolean; readonly restartTimeSeconds: number };
      readonly routes: readonly { readonly prefix: string; readonly communities: readonly string[]; readonly localPreference: number | null; readonly service: string }[];
    }[];
  }[];
  readonly services: readonly { readonly namespace: string; readonly name: string; readonly ip?: string; readonly why?: string }[];
  readonly pods: readonly { readonly namespace: string; readonly name: string; readonly node?: string; readonly pending?: string }[];
  readonly coil: { readonly pool: string; readonly blockSizeBits: number; readonly blockPrefixLength: number };
  readonly datapath: ClusterIntent['datapath'];
  readonly notes: readonly string[];
}

export function manifestsView(intent: ClusterIntent): ManifestsView {
  return {
    speakers: intent.speakers.map((s) => ({
      node: s.node,
      asn: s.localAsn,
      peers: s.peers.map((p) => ({
        address: p.address, asn: p.asn, port: p.port,
        timers: { connectRetrySeconds: p.connectRetrySeconds, holdTimeSeconds: p.holdTimeSeconds, keepAliveSeconds: p.keepAliveSeconds },
        gracefulRestart: p.gracefulRestart,
        routes: p.routes.map((r) => ({ prefix: r.prefix, communities: r.communities, localPreference: r.localPreference ?? null, service: r.service })),
      })),
    })),
    services: intent.services.map((s) => ({
      namespace: s.namespace, name: s.name,
      ...(s.ip ? { ip: s.ip } : { why: intent.notes.find((n) => n.includes(`${s.namespace}/${s.name}`)) ?? 'no pool serves it' }),
    })),
    pods: [...intent.pods.map((p) => ({ namespace: p.namespace, name: p.name, node: p.node })), ...intent.pending.map((p) => ({ namespace: p.namespace, name: p.name, pending: p.pending }))],
    coil: { pool: intent.podPool.cidr, blockSizeBits: intent.podPool.blockSizeBits, blockPrefixLength: 32 - intent.podPool.blockSizeBits },
    datapath: intent.datapath,
    notes: intent.notes,
  };
}

/** The view as a person reads it. */
export function manifestsText(dir: string, view: ManifestsView): string {
  const lines = [`what Cilium, Coil and Kubernetes would make of ${dir}:`, '', 'BGP speakers (Cilium):'];
  if (view.speakers.length === 0) lines.push('  none: no CiliumBGPClusterConfig selects a node');
  for (const s of view.speakers) {
    lines.push(`  ${s.node}: AS ${s.asn}`);
    for (const p of s.peers) {
      const gr = p.gracefulRestart.enabled ? `graceful restart ${p.gracefulRestart.restartTimeSeconds} s` : 'no graceful restart';
      lines.push(`    peer ${p.address} AS ${p.asn} port ${p.port}: hold ${p.timers.holdTimeSeconds} s, keepalive ${p.timers.keepAliveSeconds} s, connect retry ${p.timers.connectRetrySeconds} s, ${gr}`);
      if (p.routes.length === 0) lines.push('      advertises nothing');
      for (const r of p.routes) lines.push(`      advertises ${r.prefix} (${r.service}) communities ${r.communities.join(', ') || 'none'}${r.localPreference !== null ? `, local preference ${r.localPreference}` : ''}`);
    }
  }
  lines.push('', 'LoadBalancer Services (LB-IPAM):');
  for (const s of view.services) lines.push(`  ${s.namespace}/${s.name}: ${s.ip ?? `no IP: ${s.why}`}`);
  lines.push('', 'pods (scheduler):');
  for (const p of view.pods) lines.push(`  ${p.namespace}/${p.name}: ${p.node ?? `Pending: ${p.pending}`}`);
  lines.push('', `Coil: pool ${view.coil.pool}, a /${view.coil.blockPrefixLength} block (2^${view.coil.blockSizeBits} addresses) for each node's first pod`);
  lines.push(`datapath: ${view.datapath.mode === 'dsr' ? `DSR, dispatched in ${view.datapath.dispatch.toUpperCase()}` : 'SNAT'}`);
  lines.push('', view.notes.length ? 'notes:' : 'notes: none');
  for (const n of view.notes) lines.push(`  ${n}`);
  return `${lines.join('\n')}\n`;
}
