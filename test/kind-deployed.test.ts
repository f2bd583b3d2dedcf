// Attaching to the published demo's lab: what it deployed, from its own files (fixtures/kind/published-
// demo/), against this repository's manifests, said first, one line each; and a cluster that serves the
// lab's BGP kinds at no version the harness reads, refused with what it serves.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { deployedDifferences, LAB_CILIUM_KINDS, type ApiObject, type DeployedLab } from '../lab/kind/deployed.js';
import { DEFAULT_MANIFESTS } from '../lab/util/paths.js';
import { fixturePath } from './fixtures.js';

const objectsIn = (dir: string, files: readonly string[]): ApiObject[] =>
  files.flatMap((f) => parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map((d) => d.toJS() as ApiObject).filter((o) => o?.kind));
const demo = fixturePath('kind/published-demo');
const repository = objectsIn(DEFAULT_MANIFESTS, readdirSync(DEFAULT_MANIFESTS).filter((f) => f.endsWith('.yaml') && f !== 'cilium-values.yaml'));
const repositoryValues = parseAllDocuments(readFileSync(join(DEFAULT_MANIFESTS, 'cilium-values.yaml'), 'utf8'))[0]!.toJS() as Record<string, unknown>;

/** The demo's lab as its cluster returns it: its objects, the status a cluster gives them, what it serves. */
function publishedDemo(): DeployedLab {
  const crashing = { phase: 'Running', containerStatuses: [{ ready: false, state: { waiting: { reason: 'CrashLoopBackOff' } } }] };
  const objects = objectsIn(demo, ['bgp_lb.yaml', 'lb_test.yaml', 'test_pod.yaml']).map((o) => (o.kind === 'Pod' ? { ...o, status: crashing } : o));
  const echo: ApiObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ubuntu-echo-6d9c7b8f5-x2x9q', namespace: 'tenant-green' }, spec: {}, status: { phase: 'Running', containerStatuses: [{ ready: true, state: { running: {} } }] } };
  return {
    ciliumVersion: '1.16.0-dev-dev.247-main-8c97a2119d',
    servedAt: Object.fromEntries(LAB_CILIUM_KINDS.map((k) => [k, 'cilium.io/v2alpha1'])),
    objects: [...objects, echo],
    ciliumValues: parseAllDocuments(readFileSync(join(demo, 'values.yaml'), 'utf8'))[0]!.toJS() as Record<string, unknown>,
  };
}

describe('attaching to the published demo', () => {
  const lines = deployedDifferences(publishedDemo(), repository, repositoryValues);

  it('says first which API its Cilium serves the lab at, and which of its pods are broken, with their command', () => {
    expect(lines.slice(0, 3)).toEqual([
      "deployed Cilium 1.16.0-dev-dev.247-main-8c97a2119d serves CiliumBGPClusterConfig, CiliumBGPPeerConfig, CiliumBGPAdvertisement, CiliumLoadBalancerIPPool only as cilium.io/v2alpha1 (this repository's manifests are cilium.io/v2)",
      'pod default/ubuntu is CrashLoopBackOff: command sleep infinit',
      'pod default/ubuntu-worker is CrashLoopBackOff: command sleep infinit',
    ]);
  });

  it("names each resource and value that differs from this repository's manifests, one line each", () => {
    expect(lines).toContain("CiliumBGPClusterConfig cilium-bgp is deployed as cilium.io/v2alpha1 (this repository's manifests: cilium.io/v2)");
    expect(lines).toContain('Pod default/ubuntu: spec.containers = [{"name":"curl","image":"curlimages/curl","command":["sleep","infinit"]}] (this repository\'s manifests: [{"name":"ubuntu","image":"nicolaka/netshoot:v0.13","command":["sleep","infinity"]}])');
    expect(lines).toContain("Cilium value loadBalancer.dsrL4Translate = \"backend\" (this repository's manifests: absent)");
    expect(lines).toContain("Cilium value k8sServiceHost = \"127.0.0.1\" (this repository's manifests: \"bgpv2-bird-coil-control-plane\")");
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
  });

  it('says nothing of a lab deployed from these very manifests, on the Cilium they are written for', () => {
    const same: DeployedLab = {
      ciliumVersion: '1.18.14',
      servedAt: Object.fromEntries(LAB_CILIUM_KINDS.map((k) => [k, 'cilium.io/v2'])),
      objects: repository.filter((o) => o.kind !== 'Pod' && o.kind !== 'Namespace').concat(repository.filter((o) => o.kind === 'Namespace')),
      ciliumValues: repositoryValues,
    };
    expect(deployedDifferences(same, repository.filter((o) => o.kind !== 'Pod'), repositoryValues)).toEqual([]);
  });

  it("compares what was applied (kubectl's last-applied-configuration), not the fields the API server defaulted", () => {
    const mine = repository.find((o) => o.kind === 'Service')!;
    const live = { ...mine, spec: { ...(mine.spec as object), clusterIP: '10.2.171.4', sessionAffinity: 'None' }, metadata: { ...mine.metadata, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(mine) } } };
    const same: DeployedLab = { ciliumVersion: '1.18.14', servedAt: Object.fromEntries(LAB_CILIUM_KINDS.map((k) => [k, 'cilium.io/v2'])), objects: [live], ciliumValues: repositoryValues };
    expect(deployedDifferences(same, [mine], repositoryValues)).toEqual([]);
  });

  it('refuses a cluster that serves the BGP kinds at neither cilium.io/v2 nor v2alpha1, with what it serves', () => {
    const old = { ...publishedDemo(), ciliumVersion: '1.14.5', servedAt: { CiliumBGPPeeringPolicy: 'cilium.io/v2alpha1', CiliumLoadBalancerIPPool: 'cilium.io/v2alpha1' } };
    expect(() => deployedDifferences(old, repository, repositoryValues)).toThrow(
      'LAB_REUSE=1: the deployed Cilium 1.14.5 serves CiliumBGPClusterConfig at no version, CiliumBGPPeerConfig at no version, CiliumBGPAdvertisement at no version; the harness reads them at cilium.io/v2 or cilium.io/v2alpha1 (what cilium.io serves there: CiliumBGPPeeringPolicy cilium.io/v2alpha1, CiliumLoadBalancerIPPool cilium.io/v2alpha1)',
    );
  });
});

describe("what attach reads of the cluster's answers", () => {
  it('takes the preferred API version of each cilium.io kind, short names or not, and the Cilium chart Helm installed', async () => {
    const { parseApiResources, parseCiliumChart } = await import('../lab/kind/deployed-read.js');
    const served = parseApiResources([
      'ciliumbgpclusterconfigs     cbgpcluster   cilium.io/v2alpha1   false   CiliumBGPClusterConfig',
      'ciliumloadbalancerippools   ippools,ippool,lbippool,lbippools   cilium.io/v2alpha1   false   CiliumLoadBalancerIPPool',
      'ciliumnodes   cn,ciliumn   cilium.io/v2   false   CiliumNode',
    ].join('\n'));
    expect(served).toEqual({ CiliumBGPClusterConfig: 'cilium.io/v2alpha1', CiliumLoadBalancerIPPool: 'cilium.io/v2alpha1', CiliumNode: 'cilium.io/v2' });
    expect(parseCiliumChart('[{"name":"cilium","namespace":"kube-system","chart":"cilium-1.16.0-dev-dev.247-main-8c97a2119d","app_version":"1.16.0-dev"}]')).toBe('1.16.0-dev-dev.247-main-8c97a2119d');
  });
});
