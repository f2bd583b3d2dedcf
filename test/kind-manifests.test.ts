// The real lab's files agree with lab/topology.ts: kind config, containerlab topology, Cilium's values
// and BGP and LB-IPAM resources, Coil's pool, the workloads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Address4 } from 'ip-address';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { kindLab } from '../lab/kind/names.js';
import { repoRoot } from '../lab/paths.js';
import { communityText, hostAddress, nodeIp, serverNames, topology as t, workload } from '../lab/topology.js';

// Parsed YAML, read path by path: each test says what it expects where.
type Doc = Record<string, any>;

function documents(path: string): Doc[] {
  return parseAllDocuments(readFileSync(join(repoRoot, path), 'utf8')).map((d) => d.toJS() as Doc);
}
const one = (path: string): Doc => documents(path)[0]!;
const ofKind = (path: string, kind: string, name?: string): Doc => {
  const found = documents(path).find((d) => d.kind === kind && (name === undefined || d.metadata?.name === name));
  if (!found) throw new Error(`${path} has no ${kind} ${name ?? ''}`);
  return found;
};
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

describe('manifests/cilium-bgp.yaml and lb-pool.yaml', () => {
  const cluster = ofKind('manifests/cilium-bgp.yaml', 'CiliumBGPClusterConfig');
  const peer = ofKind('manifests/cilium-bgp.yaml', 'CiliumBGPPeerConfig');
  const advertisement = ofKind('manifests/cilium-bgp.yaml', 'CiliumBGPAdvertisement');
  const { speaker, asn } = t.nodes.server0;
  it('are cilium.io/v2, as Cilium 1.18 serves them', () => {
    for (const d of [...documents('manifests/cilium-bgp.yaml'), ...documents('manifests/lb-pool.yaml')]) expect(d.apiVersion).toBe('cilium.io/v2');
  });
  it("peer the speaker's AS with BIRD's over loopback on the labelled nodes", () => {
    expect(cluster.spec.nodeSelector.matchLabels).toEqual({ bgp: String(asn) });
    const [instance] = cluster.spec.bgpInstances;
    expect(instance.localASN).toBe(speaker.asn);
    expect(instance.peers).toEqual([expect.objectContaining({ peerASN: asn, peerAddress: speaker.peerAddress, peerConfigRef: { name: peer.metadata.name } })]);
    expect(peer.spec.gracefulRestart).toEqual({ enabled: true, restartTimeSeconds: speaker.gracefulRestartSeconds });
  });
  it('advertise LoadBalancer IPs with the VIP community, which the peer config selects', () => {
    const [adv] = advertisement.spec.advertisements;
    expect(adv.service.addresses).toEqual(['LoadBalancerIP']);
    expect(adv.attributes.communities.standard).toEqual([communityText(t.service.community)]);
    expect(peer.spec.families[0].advertisements.matchLabels).toEqual(advertisement.metadata.labels);
  });
  it("give the Service the VIP, and only it", () => {
    const pool = ofKind('manifests/lb-pool.yaml', 'CiliumLoadBalancerIPPool');
    expect(pool.spec.blocks).toEqual([{ cidr: `${t.service.vip}/32` }]);
    const service = ofKind('manifests/workloads.yaml', 'Service', t.service.name);
    const [selector] = pool.spec.serviceSelector.matchExpressions;
    expect(selector.values).toContain(service.metadata.labels[selector.key]);
  });
});

describe('manifests/workloads.yaml', () => {
  it("runs the echo backend on its node, answering the topology's text on the target port", () => {
    const backend = workload(t, t.service.backend);
    const deployment = ofKind('manifests/workloads.yaml', 'Deployment', backend.name);
    expect(deployment.metadata.namespace).toBe(backend.namespace);
    const pod = deployment.spec.template.spec;
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/hostname': t.nodes[backend.node].kindNode });
    expect(pod.containers[0].args).toEqual([`-text=${backend.echo!.text}`, `-listen=:${backend.echo!.port}`]);
    expect(pod.containers[0].ports).toEqual([{ containerPort: t.service.targetPort }]);
  });
  it('exposes it as the LoadBalancer Service, port to target port', () => {
    const service = ofKind('manifests/workloads.yaml', 'Service', t.service.name);
    expect(service.metadata.namespace).toBe(t.service.namespace);
    expect(service.spec).toMatchObject({ type: 'LoadBalancer', externalTrafficPolicy: 'Cluster', ports: [{ port: t.service.port, targetPort: t.service.targetPort }] });
    expect(service.spec.selector).toEqual(ofKind('manifests/workloads.yaml', 'Deployment', t.service.backend.name).spec.selector.matchLabels);
  });
  it('puts each test pod on its server', () => {
    for (const w of t.workloads.filter((x) => !x.echo)) {
      const pod = ofKind('manifests/workloads.yaml', 'Pod', w.name);
      expect(pod.metadata.namespace).toBe(w.namespace);
      expect(pod.spec.nodeSelector).toEqual({ 'kubernetes.io/hostname': t.nodes[w.node].kindNode });
    }
  });
});

describe("Coil's pool and Cilium's values", () => {
  it("give Coil the topology's pod pool in its block size", () => {
    expect(one('manifests/coil/address-pool.yaml').spec).toEqual({ blockSizeBits: t.podPool.blockSizeBits, subnets: [{ ipv4: t.podPool.cidr }] });
    expect(JSON.parse(readFileSync(join(repoRoot, 'manifests/coil/netconf.json'), 'utf8')).plugins.map((p: Doc) => p.type)).toEqual(['coil', 'portmap', 'cilium-cni']);
  });
  it('run Cilium in DSR with GENEVE dispatch on net0, reaching the API server on the control plane', () => {
    const values = one('manifests/cilium-values.yaml');
    expect(values.k8sServiceHost).toBe(lab.kindNodes.server0);
    expect(values.loadBalancer).toMatchObject({ mode: 'dsr', dsrDispatch: 'geneve' });
    expect([values.devices, values.nodePort.directRoutingDevice]).toEqual([t.nodes.server0.interfaces[0]!.name, 'net0']);
    expect(values.bgpControlPlane.enabled).toBe(true);
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
