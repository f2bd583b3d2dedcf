// What the real lab is built from, pinned. Cilium 1.18 is tested on Kubernetes 1.30-1.33 (its
// Documentation/network/kubernetes/compatibility.rst), hence kind v0.31.0's image for 1.33.
export const VERSIONS = {
  kind: 'v0.31.0',
  cilium: '1.18.14',
  ciliumChartRepository: 'https://helm.cilium.io/',
  // The published lab's Coil: its kustomization still has the `#- config/pod/compat_calico.yaml` line
  // the bring-up enables (from 2.9.0 on it reads `# - `, and the controller is split in two).
  coil: '2.8.0',
  birdImage: 'bgpv2-bird:2.0.12',
  // The nightly's kubectl: the cluster's own Kubernetes (the kind node image in lab/kind/cluster.yaml),
  // well within the version skew policy's one minor either way; a runner image's kubectl follows the
  // newest release instead.
  kubectl: 'v1.33.7',
  // The nightly's Helm. azure/setup-helm without a version installs the newest, Helm 4 since November
  // 2025, which applies server-side by default (cilium/cilium#44546 keeps cilium-cli off it for field
  // ownership conflicts); the Cilium docs' `helm install` is Helm 3's. A user's Helm 4 is still accepted.
  helm: 'v3.19.1',
  // A tag of srl-labs/containerlab (0.79.0 is the newest seen, fixtures/kind/containerlab-tags.txt);
  // its installer exits 1 on a version it does not know.
  containerlab: '0.79.0',
} as const;
