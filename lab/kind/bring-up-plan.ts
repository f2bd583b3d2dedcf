// The real lab's bring-up and teardown, step by step, in an order with no race: the kind cluster first,
// then containerlab (whose servers join the kind nodes' network namespaces), then kubelet moved to the
// net0 addresses, Coil, Cilium, the pod pool, the lab's resources; every wait on the API. Each step
// says what it needs and provides (a unit test checks that every need is met by an earlier step) and the
// upstream source it follows. The demo's Makefile did the same, less its defects (reference.md): the
// image tag, rivers, a dev chart, v2alpha1 resources, containerlab racing kind in the background.
import { join } from 'node:path';
import { isCoilFile, MANIFEST_LAYOUT, resourceFiles } from '../manifests/load.js';
import { repoRoot } from '../util/paths.js';
import { podKey, type Lab } from '../description/index.js';
import { addressPoolStep, coilSteps } from './coil-steps.js';
import type { KindLab } from './names.js';
import type { CommandStep, PlanPaths, Step } from './plan.js';
import { command, DEMO_MAKEFILE, wait } from './step-builders.js';
import { VERSIONS } from './versions.js';

export function buildBirdImageStep(): CommandStep {
  return command(`build the BIRD image ${VERSIONS.birdImage}`, [
    'docker', 'build', '-t', VERSIONS.birdImage, '-f', join(repoRoot, 'bird', 'Dockerfile'), join(repoRoot, 'bird'),
  ], { needs: ['docker'], provides: ['bird-image'], source: `${DEMO_MAKEFILE} build-bird (one tag, used by the topology)` });
}

/** The doctor (lab/kind/doctor.ts) first: the engine, the tools at their versions, the host's kernel and limits. */
export function preflightSteps(): CommandStep[] {
  return [
    command('this machine can run the real lab (lab kind doctor)', [process.execPath, join(repoRoot, 'bin', 'lab.mjs'), 'kind', 'doctor'], {
      showOutput: true, provides: ['docker', 'tools'], source: "kind docs, Quick Start and Known Issues; Cilium's system requirements; the Kubernetes version skew policy",
    }),
    command("tcpdump is installed (captures run in the kind nodes' namespaces)", ['tcpdump', '--version'], { showOutput: true, source: 'the dsr spec' }),
  ];
}

function clusterSteps(t: Lab, lab: KindLab, p: PlanPaths): Step[] {
  return [
    // The lab's names are fixed: a cluster of that name that this run did not create is not its to touch.
    command(`no kind cluster ${lab.cluster} exists yet`, ['kind', 'get', 'clusters'], { refuseIfListed: lab.cluster, needs: ['tools'], source: 'kind docs, Quick Start (kind get clusters)' }),
    // No --wait: without a CNI no node becomes Ready, and kind would wait it all out, then warn.
    command(`create the kind cluster ${lab.cluster}`, ['kind', 'create', 'cluster', '--config', lab.clusterConfig, '--kubeconfig', p.kubeconfig], {
      undo: ['kind', 'delete', 'cluster', '--name', lab.cluster, '--kubeconfig', p.kubeconfig],
      needs: ['docker', 'tools'], provides: ['kind-nodes', 'api-server'], source: `${DEMO_MAKEFILE} deploy (kind create cluster --config cluster.yaml)`,
    }),
    command(`deploy ${t.router.name} and the servers with containerlab`, ['containerlab', 'deploy', '-t', lab.topologyFile], {
      undo: ['containerlab', 'destroy', '-t', lab.topologyFile, '--cleanup'],
      needs: ['kind-nodes', 'bird-image'], provides: ['net0', 'bird-listening'],
      source: `${DEMO_MAKEFILE} deploy (containerlab -t topo.yaml deploy), after kind; containerlab docs, network-mode container:`,
    }),
    ...t.servers.flatMap((server) => {
      const node = server.kindNode;
      const address = server.nodeIp;
      const kubeletSource = 'kind pkg/cluster/internal/kubeadm/config.go (node-ip in kubeletExtraArgs, /var/lib/kubelet/kubeadm-flags.env); the published cluster.yaml node-ip';
      return [
        command(`point ${node}'s kubelet at its ${server.uplink} address ${address}`, [
          'docker', 'exec', node, 'sed', '-i', '-E', `s/--node-ip=[^ "]+/--node-ip=${address}/`, '/var/lib/kubelet/kubeadm-flags.env',
        ], { needs: ['kind-nodes', 'net0'], source: kubeletSource }),
        command(`restart ${node}'s kubelet`, ['docker', 'exec', node, 'systemctl', 'restart', 'kubelet'], { needs: ['kind-nodes'], source: kubeletSource }),
        wait(`${node} reports ${address}`, { type: 'node-address', node, address }, { needs: ['api-server'], provides: ['node-ips'], source: 'Kubernetes Node status.addresses' }),
      ];
    }),
  ];
}

export function kindBringUpPlan(t: Lab, lab: KindLab, p: PlanPaths): Step[] {
  const kubectl = ['kubectl', '--kubeconfig', p.kubeconfig];
  const backend = t.service.backend;
  const ciliumWait = `${DEMO_MAKEFILE} install-with-coil (cilium status --wait)`;
  const labResources = resourceFiles(p.manifests).filter((f) => !isCoilFile(p.manifests, f));
  return [
    ...preflightSteps(),
    buildBirdImageStep(),
    ...clusterSteps(t, lab, p),
    ...coilSteps(p, lab, kubectl),
    command(`install Cilium ${VERSIONS.cilium}`, [
      'helm', '--kubeconfig', p.kubeconfig, 'install', 'cilium', 'cilium', '--repo', VERSIONS.ciliumChartRepository,
      '--version', VERSIONS.cilium, '--namespace', 'kube-system', '--values', join(p.manifests, MANIFEST_LAYOUT.ciliumValues),
    ], { needs: ['api-server', 'node-ips'], provides: ['cilium-installed'], source: `Cilium ${VERSIONS.cilium} docs, Installation using Helm; ${DEMO_MAKEFILE} install-with-coil (helm install cilium)` }),
    wait('the Cilium agents are Ready on both nodes', { type: 'daemonset-ready', namespace: 'kube-system', name: 'cilium' }, { needs: ['cilium-installed'], provides: ['clusterip-routing'], source: ciliumWait }),
    wait('the Cilium operator is Available', { type: 'deployment-available', namespace: 'kube-system', name: 'cilium-operator' }, { needs: ['cilium-installed'], provides: ['cilium-crds'], source: ciliumWait }),
    addressPoolStep(p, kubectl),
    wait('CoreDNS is Available', { type: 'deployment-available', namespace: 'kube-system', name: 'coredns' }, {
      needs: ['pod-pool', 'cni-config'], provides: ['dns'], source: `${DEMO_MAKEFILE} deploy (kubectl rollout restart -n kube-system deployment coredns)`,
    }),
    command('configure BGP, LB-IPAM and the workloads', [...kubectl, 'apply', ...labResources.flatMap((f) => ['-f', f])], {
      needs: ['cilium-crds', 'pod-pool', 'bird-listening'], provides: ['lab-resources'], source: `${DEMO_MAKEFILE} deploy (kubectl apply -f bgp_lb.yaml, lb_test.yaml, test_pod.yaml)`,
    }),
    wait(`the test pods ${[...new Set(t.claims.ping.flat().map(podKey))].join(', ')} are Ready`, { type: 'pods-ready', namespace: 'default', labelSelector: 'app=ubuntu' }, {
      needs: ['lab-resources'], source: 'hanapedia/bgpv2 bird-coil/README.md (kubectl exec into the test pods)',
    }),
    wait(`${podKey(backend)} is Available`, { type: 'deployment-available', namespace: backend.namespace, name: backend.name }, {
      needs: ['lab-resources'], source: 'hanapedia/bgpv2 bird-coil/README.md (the echo server answers)',
    }),
    wait(`${t.service.name} has the LoadBalancer IP ${t.service.vip}`, { type: 'loadbalancer-ip', namespace: t.service.namespace, name: t.service.name, ip: t.service.vip }, {
      needs: ['lab-resources'], source: 'Cilium docs, LoadBalancer IP Address Management (status.loadBalancer.ingress)',
    }),
  ];
}
