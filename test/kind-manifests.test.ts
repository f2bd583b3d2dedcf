// The real lab's files read as the published lab has them (reference.md, "The real lab, as published"):
// the description the harness builds from them, and the Cilium values only the kind fabric uses, which
// must agree with that description.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Address4 } from 'ip-address';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { kindLab } from '../lab/kind/names.js';
import { repoRoot } from '../lab/util/paths.js';
import { hostAddress } from '../lab/description/index.js';
import { topology as t } from './default-lab.js';

// Parsed YAML, read path by path: each test says what it expects where.
type Doc = Record<string, any>;
const one = (path: string): Doc => parseAllDocuments(readFileSync(join(repoRoot, path), 'utf8'))[0]!.toJS() as Doc;
const lab = kindLab(t);

describe("the lab's files, read into its description", () => {
  it('give the published lab: router0 and two servers in the kind nodes, their links and addresses', () => {
    expect(t.name).toBe('bgpv2-bird-coil');
    expect({ name: t.router.name, asn: t.router.asn, routerId: t.router.routerId, loopbacks: t.router.loopbacks, interfaces: t.router.interfaces }).toEqual({
      name: 'router0', asn: 65001, routerId: '10.0.0.1', loopbacks: ['10.0.0.1/32'],
      interfaces: [{ name: 'net1', cidr: '10.0.1.1/24' }, { name: 'net2', cidr: '10.0.2.1/24' }],
    });
    expect(t.servers.map((s) => ({ name: s.name, kindNode: s.kindNode, role: s.kindRole, uplink: s.uplink, nodeIp: s.nodeIp, gateway: s.defaultGateway, asn: s.asn }))).toEqual([
      { name: 'server0', kindNode: 'bgpv2-bird-coil-control-plane', role: 'control-plane', uplink: 'net0', nodeIp: '10.0.1.2', gateway: '10.0.1.1', asn: 65001 },
      { name: 'server1', kindNode: 'bgpv2-bird-coil-worker', role: 'worker', uplink: 'net0', nodeIp: '10.0.2.2', gateway: '10.0.2.1', asn: 65001 },
    ]);
    expect(t.links).toEqual([
      [{ node: 'router0', interface: 'net1' }, { node: 'server0', interface: 'net0' }],
      [{ node: 'router0', interface: 'net2' }, { node: 'server1', interface: 'net0' }],
    ]);
    expect([t.podSubnet, t.serviceSubnet]).toEqual(['10.1.0.0/16', '10.2.0.0/16']);
  });

  it("leave out only router0's NAT to the internet on the netns fabric, and say why", () => {
    expect(t.notes).toEqual([expect.stringMatching(/^router0: exec "iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE" is not run on the netns fabric: NAT out of eth0/)]);
  });

  it('run the BIRD image built from bird/Dockerfile on the bird/ configs', () => {
    const clab = one('lab/kind/topology.clab.yaml');
    expect(clab.topology.kinds.linux.image).toMatch(/^bgpv2-bird:/);
    expect([t.router, ...t.servers].map((n) => n.bird.shown)).toEqual(['bird/router0.conf', 'bird/server0.conf', 'bird/server1.conf']);
  });
});

// What the netns fabric reads of the manifests is checked against the claims by manifests-claims.test.ts;
// these are the values only the kind fabric uses (the reader leaves them to it).
describe("Cilium's values for the kind fabric", () => {
  it('reach the API server on the control plane and run the datapath on the servers\' uplink', () => {
    const values = one('manifests/cilium-values.yaml');
    expect(values.k8sServiceHost).toBe(lab.controlPlane);
    const uplinks = [...new Set(t.servers.map((s) => s.uplink))];
    expect([values.devices, values.nodePort.directRoutingDevice]).toEqual([uplinks[0], uplinks[0]]);
    expect(uplinks).toHaveLength(1);
  });

  it("keep Cilium's own address pool clear of every range of the lab", () => {
    const ciliumPool = new Address4(one('manifests/cilium-values.yaml').ipam.operator.clusterPoolIPv4PodCIDRList[0]);
    const nodes = [t.router, ...t.servers];
    const labRanges = [t.podPool.cidr, t.serviceSubnet, `${t.service.vip}/32`, ...nodes.flatMap((n) => [...n.loopbacks, ...n.interfaces.map((i) => i.cidr)])];
    for (const range of labRanges) {
      const overlaps = new Address4(hostAddress(range)).isInSubnet(ciliumPool) || ciliumPool.isInSubnet(new Address4(range));
      expect(overlaps, range).toBe(false);
    }
  });
});
