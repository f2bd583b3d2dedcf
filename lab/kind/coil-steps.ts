// Coil's part of the real lab's bring-up: its release source made into manifests as the published lab's
// `update-coil` target does, installed with the published lab's kustomize patches that point it at the
// API server, and its AddressPool created once Cilium serves ClusterIPs (the published `install-with-coil`
// order).
import { join } from 'node:path';
import { stringify } from 'yaml';
import { isCoilFile, MANIFEST_LAYOUT, resourceFiles } from '../manifests/load.js';
import type { KindLab } from './names.js';
import type { PlanPaths, Step } from './plan.js';
import { command, DEMO_MAKEFILE, wait } from './step-builders.js';
import { VERSIONS } from './versions.js';

/**
 * Where Coil's host-network pods reach the API server. With kubeProxyMode none, nothing serves the
 * `kubernetes` ClusterIP their in-cluster config dials until Cilium runs, and Coil runs first (Cilium
 * chains after it): the published lab patched KUBERNETES_SERVICE_HOST/PORT onto coil-controller and coild
 * (bird-coil/coil/base/patch-*.yaml, for its API proxy); here they name the control plane, as Cilium's
 * k8sServiceHost does (manifests/cilium-values.yaml), on kubeadm's API server port.
 */
export function coilApiServer(lab: KindLab): { readonly host: string; readonly port: number } {
  return { host: lab.controlPlane, port: 6443 };
}

/**
 * The published lab's kustomization around Coil's manifests (hanapedia/bgpv2 bird-coil/coil/base:
 * kustomization.yaml with `patches:` patch-controller.yaml and patch-coild.yaml, targeting the Deployment
 * and the DaemonSet in kube-system): the API server's address goes in before anything is applied, so the
 * pods start with it. Set on running workloads instead (`kubectl set env`), it starts a rollout of
 * coil-controller that never ends: 2 host-network replicas, the default strategy's one surge pod finds
 * its ports taken on both nodes, and no old pod goes (Coil v2.8.0 v2/config/pod/coil-controller.yaml).
 * bgpv2 patches a file it rendered first (`kustomize build v2 > coil.yaml`); here the kustomization takes
 * Coil's v2/ as its resource, which kustomize renders the same (v2's own `namespace: kube-system` applies
 * before these patches). File name -> content.
 */
export function coilKustomization(lab: KindLab): Record<string, string> {
  const { host, port } = coilApiServer(lab);
  const env = [{ name: 'KUBERNETES_SERVICE_HOST', value: host }, { name: 'KUBERNETES_SERVICE_PORT', value: String(port) }];
  const patch = (kind: string, name: string) => ({
    apiVersion: 'apps/v1', kind, metadata: { name, namespace: 'kube-system' },
    spec: { template: { spec: { containers: [{ name, env }] } } },
  });
  return {
    'kustomization.yaml': stringify({
      apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['../v2'],
      patches: [
        { path: 'patch-controller.yaml', target: { kind: 'Deployment', name: 'coil-controller', namespace: 'kube-system' } },
        { path: 'patch-coild.yaml', target: { kind: 'DaemonSet', name: 'coild', namespace: 'kube-system' } },
      ],
    }),
    'patch-controller.yaml': stringify(patch('Deployment', 'coil-controller')),
    'patch-coild.yaml': stringify(patch('DaemonSet', 'coild')),
  };
}

export function coilSteps(p: PlanPaths, lab: KindLab, kubectl: readonly string[]): Step[] {
  const tarball = join(p.coilWorkDir, `coil-${VERSIONS.coil}.tar.gz`);
  const v2 = join(p.coilWorkDir, 'v2');
  // beside v2/, as bgpv2's coil/base is beside what it renders: kustomize reads patches only from a kustomization's own folder
  const base = join(p.coilWorkDir, 'base');
  const updateCoil = `${DEMO_MAKEFILE} update-coil`;
  return [
    command(`fetch Coil ${VERSIONS.coil}'s release source`, ['curl', '-sSfL', '-o', tarball, `https://github.com/cybozu-go/coil/archive/v${VERSIONS.coil}.tar.gz`], {
      needs: ['tools'], provides: ['coil-source'], source: updateCoil,
    }),
    command('unpack it', ['tar', '-C', p.coilWorkDir, '-xzf', tarball, '--strip-components=1'], { needs: ['coil-source'], source: updateCoil }),
    command('turn on compat_calico in its kustomization', ['sed', '-i', '-E', 's,^#(- config/pod/compat_calico.yaml),\\1,', join(v2, 'kustomization.yaml')], {
      needs: ['coil-source'], source: `${updateCoil}; Coil v2.8.0 v2/kustomization.yaml`,
    }),
    command("use the lab's CNI chain: coil, portmap, cilium-cni", ['cp', join(p.manifests, MANIFEST_LAYOUT.cniChain), join(v2, 'netconf.json')], {
      needs: ['coil-source'], source: `${updateCoil} (cp configs/netconf.json); Coil v2.8.0 v2/kustomization.yaml configMapGenerator`,
    }),
    // Coil v2.8.0 v2/Makefile `certs` writes to $(PWD)/config/default, and `make -C` keeps the caller's
    // PWD: it runs inside v2/, as Coil's docs and the published Makefile (`cd .../v2 ; $(MAKE) certs`) do.
    command("generate its webhooks' certificates", ['make', 'certs'], {
      cwd: v2, needs: ['coil-source', 'tools'], provides: ['coil-manifests'], source: `${updateCoil}; Coil v2.8.0 v2/Makefile certs`,
    }),
    // bgpv2 keeps these files in its repository; `install -D` writes each from its stdin, folder included, no shell involved.
    ...Object.entries(coilKustomization(lab)).map(([file, content]) =>
      command(`write ${file} of the kustomization that points coil-controller and coild at the API server`, ['install', '-D', '-m', '0644', '/dev/stdin', join(base, file)], {
        input: content, needs: ['coil-source'], provides: ['coil-api-access'], source: `hanapedia/bgpv2 bird-coil/coil/base/${file}`,
        deviation: file === 'kustomization.yaml'
          ? "its resource is Coil's v2/ itself, not bgpv2's coil.yaml rendered from it first (kustomize renders both the same); the patches and their targets are bgpv2's"
          : `the API server is ${coilApiServer(lab).host}:${coilApiServer(lab).port}, where Cilium's k8sServiceHost points, not bgpv2's 127.0.0.1:16443 (a rivers proxy in its BIRD image, which the lab's BIRD image does not build)`,
      }),
    ),
    command('install Coil', [...kubectl, 'apply', '-k', base], {
      needs: ['api-server', 'coil-manifests', 'coil-api-access'], provides: ['coil-installed'], source: `${DEMO_MAKEFILE} install-with-coil (kubectl apply -k coil/base)`,
    }),
    wait('coild and coil-controller are Ready', { type: 'pods-ready', namespace: 'kube-system', labelSelector: 'app.kubernetes.io/name=coil' }, {
      needs: ['coil-installed', 'node-ips'], provides: ['coil-webhook', 'cni-config'],
      source: `${DEMO_MAKEFILE} install-with-coil (kubectl wait --for=condition=Ready -l app.kubernetes.io/name=coil)`,
    }),
  ];
}

/**
 * The AddressPool goes through Coil's webhooks (failurePolicy Fail, a Service as client config: Coil
 * v2.8.0 v2/config/webhook/manifests.yaml), which the API server reaches only once Cilium serves
 * ClusterIPs: the published Makefile applies it after `cilium status --wait`. CoreDNS gets its address
 * from the pool, so it is awaited after.
 */
export function addressPoolStep(p: PlanPaths, kubectl: readonly string[]): Step {
  const files = resourceFiles(p.manifests).filter((f) => isCoilFile(p.manifests, f));
  return command('create the pod address pool', [...kubectl, 'apply', ...files.flatMap((f) => ['-f', f])], {
    needs: ['clusterip-routing', 'coil-webhook'], provides: ['pod-pool'],
    source: `${DEMO_MAKEFILE} install-with-coil (kubectl apply -f configs/coil_default_pool.yaml, after cilium status --wait)`,
  });
}
