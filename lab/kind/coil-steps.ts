// Coil's part of the real lab's bring-up: its release source made into manifests as the published lab's
// `update-coil` target does, installed, pointed at the API server, and its AddressPool created once
// Cilium serves ClusterIPs (the published `install-with-coil` order).
import { join } from 'node:path';
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

export function coilSteps(p: PlanPaths, lab: KindLab, kubectl: readonly string[]): Step[] {
  const tarball = join(p.coilWorkDir, `coil-${VERSIONS.coil}.tar.gz`);
  const v2 = join(p.coilWorkDir, 'v2');
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
    command('install Coil', [...kubectl, 'apply', '-k', v2], {
      needs: ['api-server', 'coil-manifests'], provides: ['coil-installed'], source: `${DEMO_MAKEFILE} install-with-coil (kubectl apply -k coil/base)`,
    }),
    command('point coil-controller and coild at the API server, which no ClusterIP serves before Cilium', [
      ...kubectl, '--namespace', 'kube-system', 'set', 'env', 'deployment/coil-controller', 'daemonset/coild',
      `KUBERNETES_SERVICE_HOST=${coilApiServer(lab).host}`, `KUBERNETES_SERVICE_PORT=${coilApiServer(lab).port}`,
    ], { needs: ['coil-installed'], provides: ['coil-api-access'], source: 'hanapedia/bgpv2 bird-coil/coil/base/patch-controller.yaml, patch-coild.yaml' }),
    wait('coild and coil-controller are Ready', { type: 'pods-ready', namespace: 'kube-system', labelSelector: 'app.kubernetes.io/name=coil' }, {
      needs: ['coil-api-access', 'node-ips'], provides: ['coil-webhook', 'cni-config'],
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
