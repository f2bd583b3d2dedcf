// The real lab's bring-up and teardown, step by step, in an order with no race: the kind cluster first,
// then containerlab (whose servers join the kind nodes' network namespaces), then kubelet moved to the
// net0 addresses, Coil, Cilium, the lab's resources; every wait on the API. The demo's Makefile did
// the same, less its defects (reference.md): the image tag, rivers, a dev chart, v2alpha1 resources,
// containerlab racing kind in the background.
import { join } from 'node:path';
import { isCoilFile, MANIFEST_LAYOUT, resourceFiles } from '../manifests/load.js';
import { repoRoot } from '../paths.js';
import { hostAddress, podKey, serverNames, type Topology } from '../topology.js';
import type { KindLab } from './names.js';
import type { CommandStep, Step, WaitStep } from './plan.js';
import { VERSIONS } from './versions.js';

export interface PlanPaths {
  /** the kubeconfig kind writes and every kubectl and API call uses (never ~/.kube/config) */
  readonly kubeconfig: string;
  /** where Coil's release source is unpacked to build its manifests */
  readonly coilWorkDir: string;
  /** the folder of manifests the cluster is made from (LAB_MANIFESTS, by default manifests/) */
  readonly manifests: string;
}

const MINUTE = 60_000;

const command = (what: string, argv: readonly string[], extra: Partial<CommandStep> = {}): CommandStep => ({
  kind: 'command', what, argv, ...extra,
});
const wait = (what: string, condition: WaitStep['condition'], timeoutMs = 5 * MINUTE): WaitStep => ({ kind: 'wait', what, condition, timeoutMs });

export function buildBirdImageStep(): CommandStep {
  return command(`build the BIRD image ${VERSIONS.birdImage}`, [
    'docker', 'build', '-t', VERSIONS.birdImage, '-f', join(repoRoot, 'bird', 'Dockerfile'), join(repoRoot, 'bird'),
  ]);
}

export function preflightSteps(): CommandStep[] {
  const steps = [
    command('the Docker daemon answers', ['docker', 'info', '--format', '{{.ServerVersion}}']),
    command('kind is installed', ['kind', 'version']),
    command('containerlab is installed', ['containerlab', 'version']),
    command('kubectl is installed', ['kubectl', 'version', '--client']),
    command('helm is installed', ['helm', 'version', '--short']),
    command("Go is installed (Coil's `make certs` runs it)", ['go', 'version']),
    command('tcpdump is installed (captures run in the kind nodes\' namespaces)', ['tcpdump', '--version']),
  ];
  return steps.map((step) => ({ ...step, showOutput: true }));
}

/**
 * Where Coil's host-network pods reach the API server. With kubeProxyMode none, nothing serves the
 * `kubernetes` ClusterIP their in-cluster config dials until Cilium runs, and Coil runs first (Cilium
 * chains after it): the published lab patched KUBERNETES_SERVICE_HOST/PORT onto coil-controller and coild
 * (bird-coil/coil/base/patch-*.yaml, for its API proxy); here they name the control plane, as Cilium's
 * k8sServiceHost does (manifests/cilium-values.yaml), on kubeadm's API server port.
 */
export function coilApiServer(lab: KindLab): { readonly host: string; readonly port: number } {
  return { host: lab.kindNodes.server0, port: 6443 };
}

function coilSteps(p: PlanPaths, lab: KindLab, kubectl: string[]): Step[] {
  const tarball = join(p.coilWorkDir, `coil-${VERSIONS.coil}.tar.gz`);
  const v2 = join(p.coilWorkDir, 'v2');
  return [
    command(`fetch Coil ${VERSIONS.coil}'s release source`, ['curl', '-sSfL', '-o', tarball, `https://github.com/cybozu-go/coil/archive/v${VERSIONS.coil}.tar.gz`]),
    command("unpack it", ['tar', '-C', p.coilWorkDir, '-xzf', tarball, '--strip-components=1']),
    command('turn on compat_calico in its kustomization', ['sed', '-i', '-E', 's,^#(- config/pod/compat_calico.yaml),\\1,', join(v2, 'kustomization.yaml')]),
    command('use the lab\'s CNI chain: coil, portmap, cilium-cni', ['cp', join(p.manifests, MANIFEST_LAYOUT.cniChain), join(v2, 'netconf.json')]),
    // Coil v2.8.0 v2/Makefile `certs` writes to $(PWD)/config/default, and `make -C` keeps the caller's
    // PWD: it runs inside v2/, as Coil's docs and the published Makefile (`cd .../v2 ; $(MAKE) certs`) do.
    command("generate its webhooks' certificates", ['make', 'certs'], { cwd: v2 }),
    command('install Coil', [...kubectl, 'apply', '-k', v2]),
    command('point coil-controller and coild at the API server, which no ClusterIP serves before Cilium', [
      ...kubectl, '--namespace', 'kube-system', 'set', 'env', 'deployment/coil-controller', 'daemonset/coild',
      `KUBERNETES_SERVICE_HOST=${coilApiServer(lab).host}`, `KUBERNETES_SERVICE_PORT=${coilApiServer(lab).port}`,
    ]),
    wait('coild and coil-controller are Ready', { type: 'pods-ready', namespace: 'kube-system', labelSelector: 'app.kubernetes.io/name=coil' }),
  ];
}

/**
 * The AddressPool goes through Coil's webhooks (failurePolicy Fail, a Service as client config), which
 * the API server reaches only once Cilium serves ClusterIPs: the published Makefile applies it after
 * `cilium status --wait`. CoreDNS gets its address from the pool, so it is awaited after.
 */
function addressPoolStep(p: PlanPaths, kubectl: string[]): Step {
  return command('create the pod address pool', [...kubectl, 'apply', ...resourceFiles(p.manifests).filter((f) => isCoilFile(p.manifests, f)).flatMap((f) => ['-f', f])]);
}

export function kindBringUpPlan(t: Topology, lab: KindLab, p: PlanPaths): Step[] {
  const kubectl = ['kubectl', '--kubeconfig', p.kubeconfig];
  const backend = t.workloads.find((w) => podKey(w) === podKey(t.service.backend))!;
  return [
    ...preflightSteps(),
    buildBirdImageStep(),
    // The lab's names are fixed: a cluster of that name that this run did not create is not its to touch.
    command(`no kind cluster ${lab.cluster} exists yet`, ['kind', 'get', 'clusters'], { refuseIfListed: lab.cluster }),
    // No --wait: without a CNI no node becomes Ready, and kind would wait it all out, then warn.
    command(`create the kind cluster ${lab.cluster}`, ['kind', 'create', 'cluster', '--config', lab.clusterConfig, '--kubeconfig', p.kubeconfig], {
      undo: ['kind', 'delete', 'cluster', '--name', lab.cluster, '--kubeconfig', p.kubeconfig],
    }),
    command('deploy router0 and the servers with containerlab', ['containerlab', 'deploy', '-t', lab.topologyFile], {
      undo: ['containerlab', 'destroy', '-t', lab.topologyFile, '--cleanup'],
    }),
    ...serverNames.flatMap((server) => {
      const node = lab.kindNodes[server];
      const address = hostAddress(t.nodes[server].interfaces[0]!.cidr);
      return [
        command(`point ${node}'s kubelet at its net0 address ${address}`, [
          'docker', 'exec', node, 'sed', '-i', '-E', `s/--node-ip=[^ "]+/--node-ip=${address}/`, '/var/lib/kubelet/kubeadm-flags.env',
        ]),
        command(`restart ${node}'s kubelet`, ['docker', 'exec', node, 'systemctl', 'restart', 'kubelet']),
        wait(`${node} reports ${address}`, { type: 'node-address', node, address }),
      ];
    }),
    ...coilSteps(p, lab, kubectl),
    command(`install Cilium ${VERSIONS.cilium}`, [
      'helm', '--kubeconfig', p.kubeconfig, 'install', 'cilium', 'cilium', '--repo', VERSIONS.ciliumChartRepository,
      '--version', VERSIONS.cilium, '--namespace', 'kube-system', '--values', join(p.manifests, MANIFEST_LAYOUT.ciliumValues),
    ]),
    wait('the Cilium agents are Ready on both nodes', { type: 'daemonset-ready', namespace: 'kube-system', name: 'cilium' }),
    wait('the Cilium operator is Available', { type: 'deployment-available', namespace: 'kube-system', name: 'cilium-operator' }),
    addressPoolStep(p, kubectl),
    wait('CoreDNS is Available', { type: 'deployment-available', namespace: 'kube-system', name: 'coredns' }),
    command('configure BGP, LB-IPAM and the workloads', [
      ...kubectl, 'apply', ...resourceFiles(p.manifests).filter((f) => !isCoilFile(p.manifests, f)).flatMap((f) => ['-f', f]),
    ]),
    wait(`the test pods ${t.workloads.filter((w) => !w.echo).map(podKey).join(', ')} are Ready`, {
      type: 'pods-ready', namespace: 'default', labelSelector: 'app=ubuntu',
    }),
    wait(`${podKey(backend)} is Available`, { type: 'deployment-available', namespace: backend.namespace, name: backend.name }),
    wait(`${t.service.name} has the LoadBalancer IP ${t.service.vip}`, {
      type: 'loadbalancer-ip', namespace: t.service.namespace, name: t.service.name, ip: t.service.vip,
    }),
  ];
}
