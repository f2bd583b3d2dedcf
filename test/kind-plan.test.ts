// The kind fabric's plan: what `make deploy` and LAB_FABRIC=kind do, checked step by step against the
// demo's Makefile (hanapedia/bgpv2 bird-coil), less its defects (../shared/reference.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { kindBringUpPlan } from '../lab/kind/bring-up-plan.js';
import { coilApiServer, coilKustomization } from '../lab/kind/coil-steps.js';
import { formatPlan } from '../lab/kind/run-plan.js';
import { kindLab } from '../lab/kind/names.js';
import { teardownOf, unmetNeeds, type CommandStep, type Step } from '../lab/kind/plan.js';
import { VERSIONS } from '../lab/kind/versions.js';
import { DEFAULT_MANIFESTS, repoRoot } from '../lab/util/paths.js';
import { topology } from './default-lab.js';

const paths = { kubeconfig: '/run-dir/kubeconfig', coilWorkDir: '/run-dir/coil', manifests: DEFAULT_MANIFESTS };
const plan = kindBringUpPlan(topology, kindLab(topology), paths);
const commands = plan.filter((s): s is CommandStep => s.kind === 'command');
const line = (s: Step): string => (s.kind === 'command' ? s.argv.join(' ') : `wait ${s.condition.type} ${JSON.stringify(s.condition)}`);
const indexOf = (pattern: RegExp): number => {
  const index = plan.findIndex((s) => pattern.test(line(s)));
  if (index < 0) throw new Error(`no step matches ${pattern}`);
  return index;
};

describe('the kind fabric bring-up plan', () => {
  it("has the demo's steps, in an order with no race", () => {
    const order = [
      /^docker build -t bgpv2-bird:2\.0\.12 -f \S+\/bird\/Dockerfile/, // make build-bird
      /^kind create cluster --config \S+\/lab\/kind\/cluster\.yaml/, // kind create cluster --config cluster.yaml
      /^containerlab deploy -t \S+\/lab\/kind\/topology\.clab\.yaml$/, // containerlab -t topo.yaml deploy, after kind, not racing it
      /--node-ip=10\.0\.1\.2/,
      /node-address.*10\.0\.1\.2/,
      /--node-ip=10\.0\.2\.2/,
      /^curl .*cybozu-go\/coil\/archive\/v2\.8\.0\.tar\.gz$/, // update-coil
      /^sed .*compat_calico/,
      /^make certs$/, // cd /tmp/work-coil/v2 ; $(MAKE) certs
      /^install -D -m 0644 \/dev\/stdin \/run-dir\/coil\/base\/kustomization\.yaml$/, // coil/base/kustomization.yaml
      /^install -D -m 0644 \/dev\/stdin \/run-dir\/coil\/base\/patch-controller\.yaml$/, // coil/base/patch-controller.yaml
      /^install -D -m 0644 \/dev\/stdin \/run-dir\/coil\/base\/patch-coild\.yaml$/, // coil/base/patch-coild.yaml
      /^kubectl --kubeconfig \/run-dir\/kubeconfig apply -k \/run-dir\/coil\/base$/, // install-with-coil: kubectl apply -k coil/base
      /pods-ready.*app\.kubernetes\.io\/name=coil/, // kubectl wait ... -l app.kubernetes.io/name=coil
      /^helm .*install cilium cilium --repo https:\/\/helm\.cilium\.io\/ --version 1\.18\.\d+ .*cilium-values\.yaml$/, // a released chart, not the dev OCI one
      /daemonset-ready.*cilium/, // cilium status --wait
      /apply -f \S+\/coil\/address-pool\.yaml$/, // kubectl apply -f configs/coil_default_pool.yaml, after cilium status --wait
      /deployment-available.*coredns/,
      /apply -f \S+cilium-bgp\.yaml -f \S+lb-pool\.yaml -f \S+workloads\.yaml$/, // bgp_lb.yaml, lb_test.yaml, test_pod.yaml
      /loadbalancer-ip.*20\.1\.10\.2/,
    ].map(indexOf);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('runs the doctor (engine, tools, kernel, limits) first, before it builds or creates anything', () => {
    expect(indexOf(/bin\/lab\.mjs kind doctor$/)).toBe(0);
    expect(indexOf(/^tcpdump --version/)).toBeLessThan(indexOf(/^docker build/));
  });

  it('refuses a cluster of the lab name it did not create, before creating its own', () => {
    const check = commands.find((s) => s.refuseIfListed === 'bgpv2-bird-coil');
    expect(check?.argv).toEqual(['kind', 'get', 'clusters']);
    expect(plan.indexOf(check!)).toBeLessThan(indexOf(/^kind create cluster/));
  });

  it('records how to undo the cluster and the topology, and tears down in reverse', () => {
    expect(teardownOf(plan).map((s) => s.argv.join(' '))).toEqual([
      `containerlab destroy -t ${kindLab(topology).topologyFile} --cleanup`,
      'kind delete cluster --name bgpv2-bird-coil --kubeconfig /run-dir/kubeconfig',
    ]);
  });

  it("uses its own kubeconfig for every kubectl and helm call, never the user's", () => {
    const clusterCalls = commands.filter((s) => ['kubectl', 'helm'].includes(s.argv[0]!) && s.argv[1] !== 'version');
    expect(clusterCalls.length).toBeGreaterThan(3);
    for (const step of clusterCalls) {
      expect(step.argv.slice(1, 3), step.argv.join(' ')).toEqual(['--kubeconfig', '/run-dir/kubeconfig']);
    }
  });

  it('waits through the API, each wait bounded, and never sleeps', () => {
    expect(plan.some((s) => /\bsleep\b/.test(line(s)))).toBe(false);
    for (const step of plan.filter((s) => s.kind === 'wait')) expect(step.timeoutMs).toBeLessThanOrEqual(10 * 60_000);
  });

  it('pins released versions', () => {
    expect(VERSIONS.cilium).toMatch(/^1\.(1[89]|[2-9]\d)\.\d+$/);
    expect(VERSIONS.coil).toMatch(/^2\.\d+\.\d+$/);
    expect(plan.some((s) => /cilium-charts-dev|rivers|bird:latest/.test(line(s)))).toBe(false);
  });
});

// The defects a line-by-line read against upstream sources found (issue 10), each as the plan shows it.
describe('the kind plan, without the defects that would stop its first run', () => {
  const values = parseAllDocuments(readFileSync(join(DEFAULT_MANIFESTS, 'cilium-values.yaml'), 'utf8'))[0]!.toJS() as Record<string, unknown>;

  it("points Coil's host-network pods at the API server as Cilium reaches it by kustomize patches applied with Coil, never by a rollout afterwards", () => {
    expect(coilApiServer(kindLab(topology))).toEqual({ host: values['k8sServiceHost'], port: values['k8sServicePort'] });
    expect(commands.filter((s) => s.argv.includes('set') && s.argv.includes('env'))).toEqual([]);
    const writes = commands.filter((s) => s.argv[0] === 'install' && s.argv.at(-1)!.startsWith(join(paths.coilWorkDir, 'base')));
    expect(writes.map((s) => s.input)).toEqual(Object.values(coilKustomization(kindLab(topology))));
    expect(Math.max(...writes.map((s) => plan.indexOf(s)))).toBeLessThan(indexOf(/apply -k \/run-dir\/coil\/base$/));
    // where it does not do what bgpv2 does, the plan says so
    expect(writes.map((s) => s.deviation)).toEqual([expect.stringMatching(/^its resource is Coil's v2\/ itself/), expect.stringMatching(/^the API server is bgpv2-bird-coil-control-plane:6443/), expect.stringMatching(/^the API server is/)]);
    expect(formatPlan('plan', plan)).toMatch(/\n {6}deviation: the API server is bgpv2-bird-coil-control-plane:6443, where Cilium's k8sServiceHost points/);
  });

  it("creates the AddressPool only once Cilium serves ClusterIPs (Coil's webhooks need them), and waits for CoreDNS after it", () => {
    const pool = indexOf(/address-pool\.yaml$/);
    expect(pool).toBeGreaterThan(indexOf(/daemonset-ready.*"name":"cilium"/));
    expect(pool).toBeGreaterThan(indexOf(/deployment-available.*cilium-operator/));
    expect(pool).toBeLessThan(indexOf(/deployment-available.*coredns/));
  });

  it("makes Coil's certificates inside v2/, where its Makefile's $(PWD) must point", () => {
    const certs = commands.find((s) => s.argv.join(' ') === 'make certs')!;
    expect(certs.cwd).toBe(join(paths.coilWorkDir, 'v2'));
    expect(commands.some((s) => s.argv[0] === 'make' && s.argv.includes('-C'))).toBe(false);
  });

  it('creates the cluster without --wait, which no node can satisfy before there is a CNI', () => {
    expect(commands.find((s) => s.argv.slice(0, 3).join(' ') === 'kind create cluster')!.argv).not.toContain('--wait');
  });

  it('pins a containerlab release that exists', () => {
    const tags = readFileSync(join(repoRoot, 'fixtures', 'kind', 'containerlab-tags.txt'), 'utf8').split('\n');
    expect(tags).toContain(`v${VERSIONS.containerlab}`);
  });
});

describe('the kind plan, checkable before anyone runs it', () => {
  it('meets every need of every step with an earlier step', () => {
    expect(unmetNeeds(plan)).toEqual([]);
  });

  it('fails that check when a step comes before what it needs', () => {
    const pool = plan.findIndex((s) => s.what === 'create the pod address pool');
    const moved = [...plan.slice(0, pool - 2), plan[pool]!, ...plan.slice(pool - 2, pool), ...plan.slice(pool + 1)];
    expect(unmetNeeds(moved)).toEqual([expect.stringMatching(/create the pod address pool\) needs clusterip-routing/)]);
  });

  it('cites an upstream source for every step', () => {
    expect(plan.filter((s) => !s.source).map((s) => s.what)).toEqual([]);
  });
});
