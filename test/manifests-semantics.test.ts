// The rules the manifests reader borrows from Kubernetes, Cilium and kind, each on the cases that tell
// them apart: label selectors (absent key under NotIn, nil against empty), tolerations, LB-IPAM's choice
// of address, kind's node names and taints.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kindNodeName, readKindNodes } from '../lab/manifests/kind-nodes.js';
import { feasibleNodes, tolerates } from '../lab/manifests/scheduling.js';
import { selects, type LabelSelector } from '../lab/manifests/selectors.js';
import { allocateServiceIps } from '../lab/manifests/lb-ipam.js';
import type { IpPool, ServiceIntent } from '../lab/manifests/services.js';
import { scratchDir } from './fixtures.js';

const sel = (matchLabels: Record<string, string>, ...matchExpressions: LabelSelector['matchExpressions']): LabelSelector => ({ matchLabels, matchExpressions });

describe('label selectors, as apimachinery matches them', () => {
  it('AND matchLabels and every expression', () => {
    const s = sel({ bgp: 'green' }, { key: 'tier', operator: 'In', values: ['web', 'api'] });
    expect(selects(s, { bgp: 'green', tier: 'api' })).toBe(true);
    expect(selects(s, { bgp: 'green', tier: 'db' })).toBe(false);
    expect(selects(s, { tier: 'api' })).toBe(false);
  });
  it('hold NotIn and DoesNotExist for an object without the key, and not In or Exists', () => {
    expect(selects(sel({}, { key: 'k', operator: 'NotIn', values: ['v'] }), {})).toBe(true);
    expect(selects(sel({}, { key: 'k', operator: 'DoesNotExist', values: [] }), {})).toBe(true);
    expect(selects(sel({}, { key: 'k', operator: 'In', values: ['v'] }), {})).toBe(false);
    expect(selects(sel({}, { key: 'k', operator: 'Exists', values: [] }), {})).toBe(false);
  });
  it('select everything when empty, and nothing when absent', () => {
    expect(selects(sel({}), { any: 'thing' })).toBe(true);
    expect(selects(undefined, { any: 'thing' })).toBe(false);
  });
});

describe('tolerations and taints, as the scheduler filters nodes', () => {
  const taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' } as const;
  it('match by key with Exists, by key and value with Equal, any key with an empty Exists, and the effect unless it is empty', () => {
    expect(tolerates({ key: taint.key, operator: 'Exists', effect: 'NoSchedule' }, taint)).toBe(true);
    expect(tolerates({ key: taint.key, operator: 'Exists', effect: 'NoExecute' }, taint)).toBe(false);
    expect(tolerates({ key: taint.key, operator: 'Exists' }, taint)).toBe(true);
    expect(tolerates({ operator: 'Exists' }, taint)).toBe(true);
    expect(tolerates({ key: taint.key, operator: 'Equal', value: 'x' }, taint)).toBe(false);
    expect(tolerates({ key: taint.key, operator: 'Equal' }, taint)).toBe(true);
  });
  it('ignore PreferNoSchedule taints when filtering', () => {
    const node = { name: 'n', role: 'worker' as const, labels: {}, taints: [{ key: 'k', effect: 'PreferNoSchedule' as const }] };
    expect(feasibleNodes([node], {}, [])).toEqual([node]);
  });
});

describe("LB-IPAM's choice of address", () => {
  const service = (name: string, labels: Record<string, string> = {}, extra: Partial<ServiceIntent> = {}): ServiceIntent =>
    ({ namespace: 'ns', name, labels, selector: {}, ports: [], externalTrafficPolicy: 'Cluster', requestedIps: [], unparsableIps: [], source: name, ...extra });
  const n = (a: string): number => a.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  it('gives the lowest free address of the first pool that selects the Service, by labels or by name', () => {
    const pools: IpPool[] = [
      { name: 'by-name', source: 'p1', serviceSelector: sel({ 'io.kubernetes.service.name': 'b' }), ranges: [[n('10.9.0.0'), n('10.9.0.3')]] },
      { name: 'all', source: 'p2', ranges: [[n('10.8.0.0'), n('10.8.0.255')]] },
    ];
    const [a, b, c] = [service('a'), service('b'), service('c')];
    const notes: string[] = [];
    const ips = allocateServiceIps([a, b, c], pools, notes);
    expect([ips.get(a), ips.get(b), ips.get(c)]).toEqual(['10.8.0.0', '10.9.0.0', '10.8.0.1']);
    expect(notes).toEqual([]);
  });
  it('gives a requested IP only from a pool that selects the Service, and serves only its own classes', () => {
    const pools: IpPool[] = [{ name: 'p', source: 'p', ranges: [[n('10.9.0.0'), n('10.9.0.255')]] }];
    const [asked, outside, otherClass, bgpClass] = [
      service('asked', {}, { requestedIps: ['10.9.0.7'] }),
      service('outside', {}, { requestedIps: ['10.8.0.7'] }),
      service('l2', {}, { loadBalancerClass: 'io.cilium/l2-announcer' }),
      service('bgp', {}, { loadBalancerClass: 'io.cilium/bgp-control-plane' }),
    ];
    const notes: string[] = [];
    const ips = allocateServiceIps([asked, outside, otherClass, bgpClass], pools, notes);
    expect([ips.get(asked), ips.get(outside), ips.get(otherClass), ips.get(bgpClass)]).toEqual(['10.9.0.7', undefined, undefined, '10.9.0.0']);
    expect(notes).toEqual([
      expect.stringMatching(/^outside requests 10\.8\.0\.7, which no pool that selects the Service holds/),
      expect.stringMatching(/^l2 has loadBalancerClass io\.cilium\/l2-announcer: neither LB-IPAM nor Cilium's BGP control plane serve it/),
    ]);
  });

  it("gives the next Service the first address of the smallest free block, as Cilium's allocator does (pkg/ipalloc): .201 after a request for .200 of a /24", () => {
    const pools: IpPool[] = [{ name: 'p', source: 'p', ranges: [[n('20.1.10.0'), n('20.1.10.255')]] }];
    const [asked, any, next] = [service('asked', {}, { requestedIps: ['20.1.10.200'] }), service('any'), service('next')];
    const ips = allocateServiceIps([asked, any, next], pools, []);
    expect([ips.get(asked), ips.get(any), ips.get(next)]).toEqual(['20.1.10.200', '20.1.10.201', '20.1.10.202']);
  });

  it('drops a requested IP that is no address, says so, and allocates as if it were not there (lbipam.go getSVCRequestedIPs)', () => {
    const notes: string[] = [];
    const typo = service('typo', {}, { unparsableIps: ['20.1.10.x'] });
    const ips = allocateServiceIps([typo], [{ name: 'p', source: 'p', ranges: [[n('20.1.10.0'), n('20.1.10.3')]] }], notes);
    expect(ips.get(typo)).toBe('20.1.10.0');
    expect(notes).toEqual(['typo requests "20.1.10.x", which is no IP address: LB-IPAM logs it and allocates as if it were not there']);
  });

  it('leaves a Service without an IP when the pools are full, and says so', () => {
    const notes: string[] = [];
    const ips = allocateServiceIps([service('a'), service('b')], [{ name: 'one', source: 'p', ranges: [[n('10.9.0.1'), n('10.9.0.1')]] }], notes);
    expect(ips.size).toBe(1);
    expect(notes[0]).toMatch(/^b gets no LoadBalancer IP/);
  });
});

describe("kind's nodes", () => {
  it('are named by role with a number from the second on, and only a one-node cluster loses the control-plane taint', () => {
    expect([kindNodeName('lab', 'control-plane', 0), kindNodeName('lab', 'worker', 0), kindNodeName('lab', 'worker', 1)]).toEqual(['lab-control-plane', 'lab-worker', 'lab-worker2']);
    const dir = scratchDir('kind-nodes-');
    const config = (nodes: string): string => `kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nname: lab\nnodes:\n${nodes}`;
    writeFileSync(join(dir, 'one.yaml'), config('  - role: control-plane\n'));
    writeFileSync(join(dir, 'three.yaml'), config('  - role: control-plane\n  - role: worker\n  - role: worker\n    labels:\n      bgp: "65001"\n'));
    expect(readKindNodes(join(dir, 'one.yaml')).map((x) => x.taints)).toEqual([[]]);
    const three = readKindNodes(join(dir, 'three.yaml'));
    expect(three.map((x) => [x.name, x.taints.length, x.labels['bgp'] ?? '-'])).toEqual([['lab-control-plane', 1, '-'], ['lab-worker', 0, '-'], ['lab-worker2', 0, '65001']]);
    expect(three[2]!.labels['kubernetes.io/hostname']).toBe('lab-worker2');
  });
});
