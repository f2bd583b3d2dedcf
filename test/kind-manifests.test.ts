// The real lab's files agree with lab/topology.ts: the kind config, the containerlab topology, and the
// Cilium values only the kind fabric uses.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Address4 } from 'ip-address';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { kindLab } from '../lab/kind/names.js';
import { repoRoot } from '../lab/paths.js';
import { hostAddress, nodeIp, serverNames, topology as t } from '../lab/topology.js';

// Parsed YAML, read path by path: each test says what it expects where.
type Doc = Record<string, any>;

function documents(path: string): Doc[] {
  return parseAllDocuments(readFileSync(join(repoRoot, path), 'utf8')).map((d) => d.toJS() as Doc);
}
const one = (path: string): Doc => documents(path)[0]!;
const lab = kindLab(t);

describe('lab/kind/cluster.yaml', () => {
  const cluster = one('lab/kind/cluster.yaml');
  it('names the cluster and its ranges as the topology does', () => {
    expect(cluster.name).toBe(t.name);
    expect(cluster.networking).toMatchObject({ disableDefaultCNI: true, kubeProxyMode: 'none', podSubnet: t.podPool.cidr, serviceSubnet: t.serviceSubnet });
  });
  it("makes the kind nodes the topology's servers, labelled with BIRD's AS", () => {
    expect(cluster.nodes.map((n: Doc) => `${t.name}-${n.role === 'control-plane' ? 'control-plane' : 'worker'}`)).toEqual(serverNames.map((s) => t.nodes[s].kindNode));
    for (const n of cluster.nodes) expect(n.labels).toEqual({ bgp: String(t.nodes.server0.asn) });
  });
});

describe('lab/kind/topology.clab.yaml', () => {
  const clab = one('lab/kind/topology.clab.yaml');
  const nodes = clab.topology.nodes;
  it("has the topology's links with containerlab's interface names", () => {
    expect(clab.name).toBe(t.name);
    expect(clab.topology.links.map((l: Doc) => l.endpoints)).toEqual(t.links.map(([a, b]) => [`${a.node}:${a.interface}`, `${b.node}:${b.interface}`]));
  });
  it("gives each node the topology's addresses and runs BIRD on its own config", () => {
    expect(nodes.router0.exec).toEqual(expect.arrayContaining([`ip addr add ${t.nodes.router0.loopback} dev lo`, ...t.nodes.router0.interfaces.map((i) => `ip addr add ${i.cidr} dev ${i.name}`)]));
    for (const server of serverNames) {
      const spec = t.nodes[server];
      expect(nodes[server]['network-mode']).toBe(`container:${spec.kindNode}`);
      expect(nodes[server].exec).toEqual([`ip addr add ${spec.interfaces[0]!.cidr} dev ${spec.interfaces[0]!.name}`, `ip route replace default via ${spec.defaultGateway} dev net0`]);
    }
    for (const node of ['router0', ...serverNames]) expect(nodes[node].cmd).toBe(`bird -f -c /etc/bird/lab/${node}.conf`);
  });
  it('runs the BIRD image built from bird/Dockerfile, on the bird/ configs', () => {
    expect(clab.topology.kinds.linux.image).toMatch(/^bgpv2-bird:/);
    expect(clab.topology.kinds.linux.binds).toEqual(['../../bird:/etc/bird/lab:ro']);
  });
});

// What the netns fabric reads of the manifests is checked against the claims by manifests-claims.test.ts;
// these are the values only the kind fabric uses (the reader leaves them to it).
describe("Cilium's values for the kind fabric", () => {
  it('reach the API server on the control plane and run the datapath on net0', () => {
    const values = one('manifests/cilium-values.yaml');
    expect(values.k8sServiceHost).toBe(lab.kindNodes.server0);
    expect([values.devices, values.nodePort.directRoutingDevice]).toEqual([t.nodes.server0.interfaces[0]!.name, 'net0']);
  });
  it("keep Cilium's own address pool clear of every range of the lab", () => {
    const ciliumPool = new Address4(one('manifests/cilium-values.yaml').ipam.operator.clusterPoolIPv4PodCIDRList[0]);
    const labRanges = [t.podPool.cidr, t.serviceSubnet, `${t.service.vip}/32`, t.nodes.router0.loopback, ...Object.values(t.nodes).flatMap((n) => n.interfaces.map((i) => i.cidr))];
    for (const range of labRanges) {
      const r = new Address4(range);
      const overlaps = new Address4(hostAddress(range)).isInSubnet(ciliumPool) || ciliumPool.isInSubnet(r) || new Address4(nodeIp(t, 'server0')).isInSubnet(ciliumPool);
      expect(overlaps, range).toBe(false);
    }
  });
});
