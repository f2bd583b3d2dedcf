// The manifests reader on copies of the lab's manifests with one change each: what it refuses (one line
// naming file, resource, field and value), and the realistic mistakes it reads as a real cluster would,
// with a note that makes the failure they cause findable.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manifestsWith } from '../lab/controls/mistakes.js';
import { DEFAULT_MANIFESTS } from '../lab/util/paths.js';
import { scratchDir } from './fixtures.js';
import { NetnsCannotRun } from '../lab/manifests/fields.js';
import { errorWith, intentWith, readWith } from './manifest-copies.js';

const BGP = 'cilium-bgp.yaml';
const WORKLOADS = 'workloads.yaml';

describe('the manifests reader refuses, in one line', () => {
  it('a YAML syntax error, with file, line and column', () => {
    expect(errorWith({ file: 'lb-pool.yaml', from: '  blocks:', to: '  blocks: [' })).toMatch(/^\S*lb-pool\.yaml:\d+:\d+: YAML: /);
  });

  it('a kind it does not read, saying the kind fabric applies it', () => {
    expect(errorWith({ file: 'extra.yaml', write: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' })).toMatch(
      /extra\.yaml: ConfigMap x: kind ConfigMap \(v1\) is not one the netns fabric reads .*the kind fabric applies it as it is/,
    );
  });

  it('an apiVersion that does not serve the kind', () => {
    expect(errorWith({ file: BGP, from: 'apiVersion: cilium.io/v2\nkind: CiliumBGPPeerConfig', to: 'apiVersion: cilium.io/v1\nkind: CiliumBGPPeerConfig' })).toMatch(
      /CiliumBGPPeerConfig cilium-peer: apiVersion = "cilium\.io\/v1": CiliumBGPPeerConfig is served as cilium\.io\/v2 or cilium\.io\/v2alpha1/,
    );
  });

  it('a field it does not implement, with file, resource, field and value', () => {
    const message = errorWith({ file: BGP, from: '  gracefulRestart:\n', to: '  authSecretRef: bgp-auth\n  gracefulRestart:\n' });
    // the copy lives in a temporary folder: everything after its path is the whole message
    expect(message).toMatch(
      /^\S+\/cilium-bgp\.yaml: CiliumBGPPeerConfig cilium-peer: spec\.authSecretRef = "bgp-auth" is not a field the netns fabric reads: if CiliumBGPPeerConfig has such a field, the kind fabric applies it as it is \(LAB_FABRIC=kind\); if not, the API server refuses it$/,
    );
  });

  it('a misspelt field as the typo it is, with the field it is a slip of, before its absence means anything', () => {
    expect(errorWith({ file: BGP, from: 'peerASN: 65001', to: 'peerAsn: 65001' })).toMatch(
      /CiliumBGPClusterConfig cilium-bgp: spec\.bgpInstances\[0\]\.peers\[0\]\.peerAsn is not a field of CiliumBGPClusterConfig: did you mean `peerASN`\? \(kubectl apply would refuse it as unknown\)$/,
    );
    expect(errorWith({ file: BGP, from: '  gracefulRestart:\n', to: '  gracefulRestat:\n' })).toMatch(/spec\.gracefulRestat is not a field of CiliumBGPPeerConfig: did you mean `gracefulRestart`\?/);
    expect(errorWith({ file: BGP, from: 'kind: CiliumBGPPeerConfig', to: 'kind: CiliumBGPPeerConfg' })).toMatch(/CiliumBGPPeerConfg cilium-peer: kind = "CiliumBGPPeerConfg" is no kind the cluster serves: did you mean CiliumBGPPeerConfig\? \(kubectl apply would refuse it\)$/);
  });

  it('a selector of the wrong shape', () => {
    expect(errorWith({ file: 'lb-pool.yaml', from: 'operator: In', to: 'operator: Equals' })).toMatch(/CiliumLoadBalancerIPPool ip-pool-green: spec\.serviceSelector\.matchExpressions\[0\]\.operator = "Equals" is not valid: expected In, NotIn, Exists, DoesNotExist/);
    expect(errorWith({ file: BGP, from: 'values: ["never-used-value"]', to: 'values: []' })).toMatch(/selector\.matchExpressions\[0\]\.values = \[\] is not valid: expected at least one value for operator NotIn/);
  });

  it('a Helm mode the netns datapath lacks', () => {
    expect(errorWith({ file: 'cilium-values.yaml', from: 'dsrDispatch: geneve', to: 'dsrDispatch: opt' })).toMatch(/cilium-values\.yaml: Cilium's Helm values: loadBalancer\.dsrDispatch = "opt" is not geneve/);
  });

  it('a namespaced resource in a namespace no manifest creates', () => {
    expect(errorWith({ file: WORKLOADS, from: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: tenant-green\n---\n', to: '' })).toMatch(/Deployment tenant-green\/ubuntu-echo: metadata\.namespace = "tenant-green": no manifest creates that Namespace/);
  });

  it('a pod that several nodes fit, since the scheduler would pick one by score', () => {
    // ubuntu tolerates the control plane's taint: without its nodeSelector both nodes fit.
    const ubuntu = '  name: ubuntu\n  namespace: default\n  labels:\n    app: ubuntu\nspec:\n  nodeSelector:\n    kubernetes.io/hostname: bgpv2-bird-coil-control-plane\n';
    expect(errorWith({ file: WORKLOADS, from: ubuntu, to: ubuntu.replace(/  nodeSelector:\n.*\n$/, '') })).toMatch(/Pod default\/ubuntu: spec: nodes bgpv2-bird-coil-control-plane, bgpv2-bird-coil-worker all fit/);
  });

  it('a pod without a toleration for the control plane lands on the worker, as the scheduler puts it', () => {
    const intent = readWith({ file: WORKLOADS, from: '  nodeSelector:\n    kubernetes.io/hostname: bgpv2-bird-coil-worker\n', to: '' });
    expect(intent.pods.find((p) => p.name === 'ubuntu-worker')!.node).toBe('bgpv2-bird-coil-worker');
  });
});

describe('the manifests reader reads mistakes as a cluster would, and says what follows', () => {
  it('an advertisement no peer family selects: nothing is advertised', () => {
    const intent = readWith({ file: BGP, from: '      advertisements:\n        matchLabels:\n          advertise: bgp', to: '      advertisements:\n        matchLabels:\n          advertise: other' });
    expect(intent.speakers.flatMap((s) => s.peers.flatMap((p) => p.routes))).toEqual([]);
    expect(intent.notes).toEqual(expect.arrayContaining([expect.stringMatching(/CiliumBGPAdvertisement bgp-advertisements .* is selected by no family/)]));
  });

  it('a nodeSelector that selects no node: no speaker runs', () => {
    const intent = readWith({ file: BGP, from: 'bgp: "65001"', to: 'bgp: "65002"' });
    expect(intent.speakers).toEqual([]);
    expect(intent.notes[0]).toMatch(/CiliumBGPClusterConfig cilium-bgp: spec\.nodeSelector \(bgp=65002\) selects no node/);
  });

  it('a wrong peer ASN and another community: the speakers carry them as written', () => {
    const intent = readWith({ file: BGP, from: 'peerASN: 65001', to: 'peerASN: 65003' }, { file: BGP, from: '["65000:300"]', to: '["65000:301"]' });
    expect(intent.speakers.map((s) => s.peers[0]!.asn)).toEqual([65003, 65003]);
    expect(intent.speakers.map((s) => s.peers[0]!.routes[0]!.communities)).toEqual([['65000:301'], ['65000:301']]);
  });

  it('a pool whose serviceSelector misses the Service: the Service gets no IP', () => {
    const intent = readWith({ file: 'lb-pool.yaml', from: 'values: [green]', to: 'values: [blue]' });
    expect(intent.services[0]!.ip).toBeUndefined();
    expect(intent.notes).toEqual([expect.stringMatching(/Service tenant-green\/lb-service-green gets no LoadBalancer IP: .*ip-pool-green selects bgp in \(blue\)/)]);
  });

  it('two pools that overlap: the later one gives nothing', () => {
    const second = 'apiVersion: cilium.io/v2\nkind: CiliumLoadBalancerIPPool\nmetadata:\n  name: ip-pool-wide\nspec:\n  blocks:\n    - cidr: 20.1.10.0/24\n';
    const intent = readWith({ file: 'zz-pool.yaml', write: second });
    expect(intent.services[0]!.ip).toBe('20.1.10.2');
    expect(intent.notes).toEqual([expect.stringMatching(/CiliumLoadBalancerIPPool ip-pool-wide overlaps .*ip-pool-green: Cilium marks it conflicting/)]);
  });

  it('externalTrafficPolicy Local: only the node with the backend advertises the IP', () => {
    const intent = readWith({ file: WORKLOADS, from: 'externalTrafficPolicy: Cluster', to: 'externalTrafficPolicy: Local' });
    expect(intent.speakers.map((s) => [s.node, s.peers[0]!.routes.map((r) => r.prefix)])).toEqual([
      ['bgpv2-bird-coil-control-plane', ['20.1.10.2/32']],
      ['bgpv2-bird-coil-worker', []],
    ]);
  });

  it('a Service without a selector: it gets no backend, though every pod of its namespace would match an empty one', () => {
    const intent = readWith({ file: WORKLOADS, from: '  selector:\n    app: ubuntu-echo\n', to: '' });
    expect(intent.services[0]!.backends).toEqual([]);
  });

  it('a requested IP outside every pool: the Service gets none', () => {
    const intent = readWith({ file: WORKLOADS, from: '  externalTrafficPolicy: Cluster', to: '  loadBalancerIP: 20.1.10.9\n  externalTrafficPolicy: Cluster' });
    expect(intent.services[0]!.ip).toBeUndefined();
    expect(intent.notes[0]).toMatch(/requests 20\.1\.10\.9, which no pool that selects the Service holds/);
  });

  it('loadBalancer.mode snat: the datapath is SNAT', () => {
    expect(readWith({ file: 'cilium-values.yaml', from: 'mode: dsr', to: 'mode: snat' }).datapath).toEqual({ mode: 'snat' });
  });

  it('a pod no node fits: it stays Pending, and the Service has no backend', () => {
    const intent = readWith({ file: WORKLOADS, from: 'kubernetes.io/hostname: bgpv2-bird-coil-control-plane\n      tolerations:', to: 'kubernetes.io/hostname: bgpv2-bird-coil-worker3\n      tolerations:' });
    expect(intent.services[0]!.backends).toEqual([]);
    expect(intent.notes[0]).toMatch(/Deployment tenant-green\/ubuntu-echo: spec\.template\.spec: no node fits nodeSelector kubernetes\.io\/hostname=bgpv2-bird-coil-worker3, so the pod stays Pending/);
  });
});

describe('the manifests reader, on a resource written twice', () => {
  it('keeps the later one, as kubectl apply leaves it, and says so', () => {
    const second = 'apiVersion: cilium.io/v2\nkind: CiliumBGPPeerConfig\nmetadata:\n  name: cilium-peer\nspec:\n  gracefulRestart:\n    enabled: true\n    restartTimeSeconds: 30\n  families:\n    - afi: ipv4\n      safi: unicast\n      advertisements:\n        matchLabels:\n          advertise: bgp\n';
    const intent = readWith({ file: 'zz-later.yaml', write: second });
    expect(intent.speakers[0]!.peers[0]!.gracefulRestart).toEqual({ enabled: true, restartTimeSeconds: 30 });
    expect(intent.notes).toContainEqual(expect.stringMatching(/^CiliumBGPPeerConfig cilium-peer is written twice \(\S*cilium-bgp\.yaml, then \S*zz-later\.yaml\): kubectl apply leaves the later, so the reader does$/));
  });
});

describe('the manifests reader, on IPv6, which Cilium serves and the netns fabric does not', () => {
  it('refuses an IPv6 pool block and an IPv6 peer as netns-only, so the kind fabric carries on', () => {
    const pool = intentWith({ file: 'lb-pool.yaml', from: '- cidr: 20.1.10.2/32', to: '- cidr: "2001:db8::/64"' });
    expect(pool).toBeInstanceOf(NetnsCannotRun);
    expect((pool as Error).message).toMatch(/spec\.blocks\[0\]\.cidr = "2001:db8::\/64" is an IPv6 block, which Cilium serves and the netns fabric, IPv4 only, does not/);
    const peer = intentWith({ file: BGP, from: 'peerAddress: 127.0.0.1', to: 'peerAddress: "::1"' });
    expect(peer).toBeInstanceOf(NetnsCannotRun);
    expect((peer as Error).message).toMatch(/peers\[0\]\.peerAddress = "::1" is an IPv6 peer/);
    expect(errorWith({ file: BGP, from: 'peerAddress: 127.0.0.1', to: 'peerAddress: 127.0.0.300' })).toMatch(/peerAddress = "127\.0\.0\.300" is not valid: expected an IP address/);
  });

  it("takes an absent ipv6.enabled as the chart's default, false", () => {
    expect(readWith({ file: 'cilium-values.yaml', from: 'ipv6:\n  enabled: false\n', to: '' }).datapath).toEqual({ mode: 'dsr', dispatch: 'geneve' });
  });
});

describe("the manifests reader, as Cilium 1.18's CRDs and reconcilers decide", () => {
  const advert = (name: string, localPreference: number) =>
    `apiVersion: cilium.io/v2\nkind: CiliumBGPAdvertisement\nmetadata:\n  name: ${name}\n  labels:\n    advertise: bgp\nspec:\n  advertisements:\n    - advertisementType: Service\n      service:\n        addresses: [LoadBalancerIP]\n      selector:\n        matchExpressions: [{ key: somekey, operator: NotIn, values: [never-used-value] }]\n      attributes:\n        localPreference: ${localPreference}\n`;

  it('gives a route two advertisements set different local preferences the highest, whatever their order (reconcilerv2/policies.go mergePolicy)', () => {
    for (const [first, second] of [[200, 50], [50, 200]] as const) {
      const intent = readWith({ file: 'a-first.yaml', write: advert('first', first) }, { file: 'z-second.yaml', write: advert('second', second) });
      expect(intent.speakers[0]!.peers[0]!.routes[0]!.localPreference).toBe(200);
    }
  });

  it("takes a standard community in the CRD's forms, the 32-bit decimal too, and refuses leading zeros as its pattern does", () => {
    const decimal = readWith({ file: BGP, from: '["65000:300"]', to: '["4259840300"]' });
    expect(decimal.speakers[0]!.peers[0]!.routes[0]!.communities).toEqual(['65000:300']);
    expect(errorWith({ file: BGP, from: '["65000:300"]', to: '["065000:0300"]' })).toMatch(/standard\[0\] = "065000:0300" is not valid: expected a standard community as the CRD's pattern takes it/);
    expect(errorWith({ file: BGP, from: '["65000:300"]', to: '["4294967296"]' })).toMatch(/standard\[0\] = "4294967296" is not valid/);
  });

  it("holds timers and graceful restart to the CRD's bounds, and requires gracefulRestart.enabled where it is written", () => {
    expect(errorWith({ file: BGP, from: 'connectRetryTimeSeconds: 5', to: 'connectRetryTimeSeconds: -5' })).toMatch(/spec\.timers\.connectRetryTimeSeconds = -5 is not valid: expected 1 to 2147483647, the CRD's bounds/);
    expect(errorWith({ file: BGP, from: 'holdTimeSeconds: 9', to: 'holdTimeSeconds: 1' })).toMatch(/holdTimeSeconds = 1 is not valid: expected 3 to 65535/);
    expect(errorWith({ file: BGP, from: 'restartTimeSeconds: 15', to: 'restartTimeSeconds: 99999' })).toMatch(/restartTimeSeconds = 99999 is not valid: expected 1 to 4095/);
    expect(errorWith({ file: BGP, from: '    enabled: true\n    restartTimeSeconds: 15', to: '    restartTimeSeconds: 15' })).toMatch(/spec\.gracefulRestart\.enabled is missing: the CRD requires it where gracefulRestart is written/);
  });

  it("refuses a peer without peerConfigRef as netns-only: Cilium's defaults give it ipv6 and ipv4 unicast, as it does an empty families list", () => {
    const peer = intentWith({ file: BGP, from: '          peerConfigRef:\n            name: cilium-peer\n', to: '' });
    expect(peer).toBeInstanceOf(NetnsCannotRun);
    expect((peer as Error).message).toMatch(/has no peerConfigRef: Cilium connects with its default peer config, families ipv6\/unicast and ipv4\/unicast/);
  });
});

describe('a copy of manifests/ whose change does not land', () => {
  it('fails naming the change, and leaves no copy behind', () => {
    // In a folder of its own: other unit files beside this one make and remove copies in /tmp meanwhile.
    const parent = scratchDir('manifests-parent-');
    expect(() => manifestsWith([{ file: 'lb-pool.yaml', from: 'no such text', to: '' }], DEFAULT_MANIFESTS, parent)).toThrow(
      /to make this mistake, lb-pool\.yaml must contain "no such text" exactly once, not 0 times/,
    );
    expect(readdirSync(parent)).toEqual([]);
  });
});
