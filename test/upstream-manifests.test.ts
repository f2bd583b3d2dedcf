// The reader on manifests nobody here wrote: the published lab's own BGP and LB-IPAM pool resources
// (fixtures/kind/published-demo/, cilium.io/v2alpha1 as published, which Cilium 1.18 still serves) give
// the intent this repository's cilium.io/v2 copies give, but for the timers the copies add (connect retry,
// hold and keepalive).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import type { ClusterIntent } from '../lab/manifests/intent.js';
import { fixturePath } from './fixtures.js';
import { NetnsCannotRun } from '../lab/manifests/fields.js';
import { intentWith, readWith } from './manifest-copies.js';

const demo = (file: string) => readFileSync(fixturePath(join('kind', 'published-demo', file)), 'utf8');
/** The demo's pool, the one CiliumLoadBalancerIPPool document of its lb_test.yaml. */
const demoPool = stringify(parseAllDocuments(demo('lb_test.yaml')).map((d) => d.toJS() as { kind: string }).find((o) => o.kind === 'CiliumLoadBalancerIPPool'));

/** What the speakers do and what the Service gets, the timers left out. */
const essence = (intent: ClusterIntent) => ({
  speakers: intent.speakers.map((s) => ({ ...s, peers: s.peers.map(({ connectRetrySeconds: _c, holdTimeSeconds: _h, keepAliveSeconds: _k, ...p }) => p) })),
  services: intent.services.map((s) => ({ name: s.name, ip: s.ip })),
  notes: intent.notes,
});

describe("the published lab's own manifests, cilium.io/v2alpha1 as published", () => {
  it("give the intent of this repository's cilium.io/v2 copies", () => {
    const published = readWith({ file: 'cilium-bgp.yaml', write: demo('bgp_lb.yaml') }, { file: 'lb-pool.yaml', write: demoPool });
    const ours = readWith();
    expect(essence(published)).toEqual(essence(ours));
    // the copies' one change: Cilium's timers shortened for a lab brought up and restarted by tests
    const timers = (p: { connectRetrySeconds: number; holdTimeSeconds: number; keepAliveSeconds: number }) => [p.connectRetrySeconds, p.holdTimeSeconds, p.keepAliveSeconds];
    expect(timers(published.speakers[0]!.peers[0]!)).toEqual([120, 90, 30]);
    expect(timers(ours.speakers[0]!.peers[0]!)).toEqual([5, 9, 3]);
  });
});

describe("Cilium's own bgpv2 Service lab (contrib/containerlab/bgpv2/service, v1.18.10)", () => {
  const upstream = (file: string) => readFileSync(fixturePath(join('upstream', 'cilium-bgpv2-service', file)), 'utf8');
  const resources = [{ file: 'bgp.yaml', write: upstream('bgp.yaml') }, { file: 'lb-ip.yaml', write: upstream('lb-ip.yaml') }, { file: 'service.yaml', write: upstream('service.yaml') }];
  const without = [{ file: 'cilium-bgp.yaml', write: '' }, { file: 'lb-pool.yaml', write: '' }, { file: 'workloads.yaml', write: '' }];

  it('is valid for Cilium and refused as netns-only, by its values first: no kube-proxy replacement', () => {
    const read = intentWith(...without, ...resources, { file: 'cilium-values.yaml', write: upstream('values.yaml') });
    expect(read).toBeInstanceOf(NetnsCannotRun);
    expect((read as Error).message).toMatch(/cilium-values\.yaml: Cilium's Helm values: kubeProxyReplacement = undefined is not true/);
  });

  it("is refused as netns-only for its IPv6 peer, with this lab's values: what Cilium dials, the netns fabric cannot", () => {
    const read = intentWith(...without, ...resources);
    expect(read).toBeInstanceOf(NetnsCannotRun);
    expect((read as Error).message).toMatch(/bgp\.yaml: CiliumBGPClusterConfig cilium-bgp: spec\.bgpInstances\[0\]\.peers\[0\]\.peerAddress = "fd00:10::1" is an IPv6 peer/);
  });
});

describe("Cilium's own bgpv2 multi-homing and pod-ip-pool labs (v1.18.10), with this lab's values", () => {
  const upstream = (lab: string) => readFileSync(fixturePath(join('upstream', `cilium-bgpv2-${lab}`, 'bgp.yaml')), 'utf8');
  const only = (lab: string) => intentWith({ file: 'cilium-bgp.yaml', write: upstream(lab) }, { file: 'lb-pool.yaml', write: '' });

  it('multi-homing: valid for Cilium, refused as netns-only for its first IPv6 peer', () => {
    const read = only('multi-homing');
    expect(read).toBeInstanceOf(NetnsCannotRun);
    expect((read as Error).message).toMatch(/CiliumBGPClusterConfig cilium-bgp: spec\.bgpInstances\[0\]\.peers\[0\]\.peerAddress = "fd00:10::1" is an IPv6 peer/);
  });

  it('pod-ip-pool: valid for Cilium, refused as netns-only for CiliumPodIPPool, a kind the netns fabric does not read', () => {
    const read = only('pod-ip-pool');
    expect(read).toBeInstanceOf(NetnsCannotRun);
    expect((read as Error).message).toMatch(/CiliumPodIPPool default: kind CiliumPodIPPool \(cilium\.io\/v2alpha1\) is not one the netns fabric reads/);
  });
});
