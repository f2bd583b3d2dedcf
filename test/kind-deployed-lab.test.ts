// Attaching to the published demo's lab (its own Makefile deployed it): attach writes the lab that is
// there and the specs judge that, not this repository's files: the demo's pods where its cluster runs
// them (the control plane included, whose taint the demo removed), its cilium.io/v2alpha1 resources, the
// BIRD configs its containers run. The differences from this repository's manifests are still said
// first; a node whose PID 1 is not BIRD, and a promise the deployed lab does not keep, are refused.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readClusterIntent, readPlacement } from '../lab/manifests/intent.js';
import { judgeDeployedLab } from '../lab/kind/deployed-lab.js';
import { readContainerBird } from '../lab/kind/deployed-bird.js';
import { DEFAULT_MANIFESTS, KIND_CLUSTER_CONFIG } from '../lab/util/paths.js';
import { Progress } from '../lab/run/progress.js';
import { topology } from './default-lab.js';
import { fixturePath, scratchDir } from './fixtures.js';
import { DEMO_CONTAINERS, DEMO_PLACEMENT, demoHost, demoObjects, KUBECONFIG } from './published-demo-host.js';

const ROUTER = 'clab-bgpv2-bird-coil-router0';

async function attach(exec = demoHost(DEMO_CONTAINERS)) {
  const runDir = scratchDir('attached-');
  const said: string[] = [];
  const lab = await judgeDeployedLab(topology, KUBECONFIG, runDir, exec, new Progress('attach', (line) => said.push(line.replace('[attach] ', ''))));
  return { lab, said, runDir, deployed: join(runDir, 'deployed'), ran: exec.ran };
}

describe("attaching to the published demo's lab", () => {
  it('places its pods on the nodes its cluster runs them on, the control plane included, which the scheduler rules on the cluster file would leave Pending', async () => {
    const { lab, deployed } = await attach();
    expect(lab.pods.map((p) => `${p.namespace}/${p.name} ${p.server}`).sort()).toEqual(['default/ubuntu server0', 'default/ubuntu-worker server1', 'tenant-green/ubuntu-echo server0']);
    const workloads = readFileSync(join(deployed, 'manifests', 'workloads.yaml'), 'utf8');
    expect(workloads).toMatch(/name: ubuntu\n {2}namespace: default\n[\s\S]*?nodeName: bgpv2-bird-coil-control-plane/);
    // the same objects without spec.nodeName: the control plane's taint (kind's cluster file) keeps the demo's untolerating pods off it
    const unbound = readPlacement(deployedCopy(deployed, { 'workloads.yaml': workloads.replaceAll(/^\s*nodeName: .*\n/gm, '') }), KIND_CLUSTER_CONFIG);
    expect(unbound.pending.map((p) => p.name).sort()).toEqual(['ubuntu', 'ubuntu-echo']);
    expect(readPlacement(join(deployed, 'manifests'), KIND_CLUSTER_CONFIG).pending).toEqual([]);
  });

  it("takes each node's BIRD config from its container: the router's sessions are the demo's bird_router.conf's", async () => {
    const { lab, deployed } = await attach();
    expect(lab.router.bird.sessions.map((s) => `${s.protocol} ${s.neighborAddress} AS${s.neighborAs} rr=${s.rrClient} passive=${s.passive}`)).toEqual([
      'controlplane 10.0.1.2 AS65001 rr=true passive=true',
      'worker 10.0.2.2 AS65001 rr=true passive=true',
    ]);
    expect(lab.servers.map((s) => [s.name, s.bird.sessions.map((x) => `${x.protocol} ${x.neighborAddress} AS${x.neighborAs}`)])).toEqual([
      ['server0', ['cilium_agent 127.0.0.1 AS65002', 'upstream_router 10.0.1.1 AS65001']],
      ['server1', ['cilium_agent 127.0.0.1 AS65002', 'upstream_router 10.0.2.1 AS65001']],
    ]);
    expect(lab.router.bird.file).toBe(join(deployed, 'containers', ROUTER, 'etc', 'bird.conf'));
    // the topology runs what the container runs, on exactly the files read, and nothing of this repository's bird/
    const topo = parse(readFileSync(lab.files.topology, 'utf8')) as { topology: { kinds?: { linux?: { binds?: unknown } }; nodes: Record<string, { cmd: string; binds: string[]; exec: string[] }> } };
    expect(topo.topology.nodes['router0']).toMatchObject({ cmd: '/usr/sbin/bird -c /etc/bird.conf -d', binds: [`${lab.router.bird.file}:/etc/bird.conf:ro`] });
    expect(topo.topology.kinds?.linux?.binds).toBeUndefined();
    expect(topo.topology.nodes['router0']!.exec).toContain('ip addr add 10.0.1.1/24 dev net1');
  });

  it('writes its cilium.io/v2alpha1 resources as applied, which the manifests reader reads as the speakers the demo configures', async () => {
    const { lab, deployed, said } = await attach();
    const cilium = readFileSync(join(deployed, 'manifests', 'cilium.yaml'), 'utf8');
    expect(cilium.match(/^apiVersion: .*$/gm)).toEqual(Array(4).fill('apiVersion: cilium.io/v2alpha1'));
    expect(cilium).not.toMatch(/last-applied/);
    // The demo's values are refused as netns-only (a pre-release value), so the kind lab judges each
    // speaker by its BIRD config alone and says so; with this repository's values and workloads (the
    // demo's test pods run `sleep infinit`, which the netns reader refuses too), the same resources read:
    expect(lab.speakerPeers).toEqual({});
    expect(said).toContainEqual(expect.stringMatching(/^deployed lab: manifests: .*cilium-values\.yaml: .*bgpControlPlane\.v2Enabled = true .*judges each speaker's sessions by its node's BIRD config alone$/));
    const ours = (file: string): string => readFileSync(join(DEFAULT_MANIFESTS, file), 'utf8');
    const intent = readClusterIntent(deployedCopy(deployed, { 'cilium-values.yaml': ours('cilium-values.yaml'), 'workloads.yaml': ours('workloads.yaml') }), KIND_CLUSTER_CONFIG);
    expect(intent.speakers.map((s) => [s.node, s.localAsn, s.peers.map((p) => `${p.address} AS${p.asn} ${p.routes.map((r) => `${r.prefix} ${r.communities.join(',')}`).join(';')}`)])).toEqual([
      ['bgpv2-bird-coil-control-plane', 65002, ['127.0.0.1 AS65001 20.1.10.2/32 65000:300']],
      ['bgpv2-bird-coil-worker', 65002, ['127.0.0.1 AS65001 20.1.10.2/32 65000:300']],
    ]);
  });

  it('says the differences from this repository\'s manifests first, then what of the deployed lab is this repository\'s, then where it is written', async () => {
    const { said, deployed } = await attach();
    expect(said[0]).toMatch(/^deployed: deployed Cilium 1\.16\.0-dev-dev\.247-main-8c97a2119d serves .* only as cilium\.io\/v2alpha1/);
    const lastDifference = said.map((l) => l.startsWith('deployed: ')).lastIndexOf(true);
    expect(said.slice(0, lastDifference + 1).every((l) => l.startsWith('deployed: '))).toBe(true);
    expect(said).toContain('deployed: pod default/ubuntu is CrashLoopBackOff: command sleep infinit');
    expect(said).not.toContainEqual(expect.stringMatching(/Namespace tenant-green .*is not deployed/));
    expect(said).toContainEqual(expect.stringMatching(/^deployed lab: each node's exec \(its addresses\), its links and its image are this repository's/));
    expect(said.at(-1)).toBe(`deployed lab written to ${deployed}: the specs judge it against lab/claims.yaml`);
  });

  it('only reads: kubectl get and api-resources, helm list and get values, docker exec … cat', async () => {
    const { ran } = await attach();
    const reads = /^(kubectl --kubeconfig \S+ (get|api-resources) |helm --kubeconfig \S+ --namespace kube-system (list|get values) |docker exec \S+ cat \S+$)/;
    expect(ran.filter((c) => !reads.test(c))).toEqual([]);
    expect(ran).toContain(`docker exec ${ROUTER} cat /proc/1/cmdline`);
  });

  it("copies this repository's CNI chain where the node's cannot be read, and says so", async () => {
    const containers = DEMO_CONTAINERS;
    const exec = demoHost(containers);
    const quiet = { ...exec, run: (argv: readonly string[], o?: Parameters<typeof exec.run>[1]) => (argv.includes('/etc/cni/net.d/10-coil.conflist') ? exec.run(['absent'], o) : exec.run(argv, o)), ran: exec.ran };
    const { said, deployed } = await attach(quiet);
    expect(readFileSync(join(deployed, 'manifests', 'coil', 'netconf.json'), 'utf8')).toBe(readFileSync(join(DEFAULT_MANIFESTS, 'coil', 'netconf.json'), 'utf8'));
    expect(said).toContainEqual(expect.stringMatching(/^deployed lab: coil\/netconf\.json is this repository's: the deployed CNI chain was not read \(`docker exec bgpv2-bird-coil-control-plane cat \/etc\/cni\/net\.d\/10-coil\.conflist`: not recorded: absent\)$/));
  });

  it('refuses, as what the deployed lab lacks, a promised pod its cluster runs nowhere (bound to a node whose kubelet rejects it)', async () => {
    const exec = demoHost(DEMO_CONTAINERS, demoObjects({ ...DEMO_PLACEMENT, ubuntu: 'bgpv2-bird-coil-worker' }));
    await expect(attach(exec)).rejects.toThrow(
      /^LAB_REUSE=1: the deployed lab \(its files written to \S+\/deployed\) does not give what lab\/claims\.yaml promises, or cannot be read: lab\/claims\.yaml: ping\[0\]\[0\] = default\/ubuntu, which runs on no node: .*Pod default\/ubuntu: spec\.nodeName = "bgpv2-bird-coil-worker": its kubelet rejects the pod \(NodeAffinity: nodeSelector kubernetes\.io\/hostname=bgpv2-bird-coil-control-plane, .*\), so it never runs\. It is the deployed lab .* that lacks it, not this repository's files$/,
    );
  });
});

describe("reading a node's BIRD out of its container", () => {
  it('refuses a container whose PID 1 is not BIRD, naming what it runs', async () => {
    const exec = demoHost({ [ROUTER]: { '/proc/1/cmdline': '/bin/bash\0/entrypoint.sh\0' } });
    await expect(readContainerBird(exec, ROUTER)).rejects.toThrow(
      'LAB_REUSE=1: container clab-bgpv2-bird-coil-router0 runs "/bin/bash /entrypoint.sh" as its PID 1, not BIRD',
    );
  });

  it("follows includes relative to the including file, from BIRD's default config when no -c is given", async () => {
    const router = readFileSync(fixturePath('kind/published-demo/bird/bird_router.conf'), 'utf8');
    const [head, sessions] = [router.slice(0, router.indexOf('protocol bgp')), router.slice(router.indexOf('protocol bgp'))];
    const exec = demoHost({
      [ROUTER]: { '/proc/1/cmdline': 'bird\0-f\0', '/etc/bird/bird.conf': `${head}include "peers/sessions.conf";\n`, '/etc/bird/peers/sessions.conf': sessions },
    });
    const bird = await readContainerBird(exec, ROUTER);
    expect(bird.files.map((f) => f.path)).toEqual(['/etc/bird/bird.conf', '/etc/bird/peers/sessions.conf']);
    expect(bird.argv).toEqual(['bird', '-f']);
  });

  it('reads the included sessions into the deployed lab', async () => {
    const router = readFileSync(fixturePath('kind/published-demo/bird/bird_router.conf'), 'utf8');
    const at = router.indexOf('protocol bgp');
    const containers = { ...DEMO_CONTAINERS, [ROUTER]: { '/proc/1/cmdline': 'bird\0-f\0', '/etc/bird/bird.conf': `${router.slice(0, at)}include "peers/sessions.conf";\n`, '/etc/bird/peers/sessions.conf': router.slice(at) } };
    const { lab, deployed } = await attach(demoHost(containers));
    expect(lab.router.bird.sessions.map((s) => s.neighborAddress)).toEqual(['10.0.1.2', '10.0.2.2']);
    const topo = parse(readFileSync(lab.files.topology, 'utf8')) as { topology: { nodes: Record<string, { cmd: string; binds: string[] }> } };
    const copy = join(deployed, 'containers', ROUTER, 'etc', 'bird');
    expect(topo.topology.nodes['router0']).toEqual(expect.objectContaining({ cmd: 'bird -f', binds: [`${copy}/bird.conf:/etc/bird/bird.conf:ro`, `${copy}/peers/sessions.conf:/etc/bird/peers/sessions.conf:ro`] }));
  });
});

/** A copy of the deployed manifests folder, with files written over it by path. */
function deployedCopy(deployed: string, write: Readonly<Record<string, string>>): string {
  const dir = scratchDir('deployed-manifests-');
  cpSync(join(deployed, 'manifests'), dir, { recursive: true });
  for (const [file, text] of Object.entries(write)) writeFileSync(join(dir, file), text);
  return dir;
}
