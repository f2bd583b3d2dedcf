// What the real lab's tools say of their versions, parsed (formats of kind v0.31, containerlab 0.7x,
// kubectl 1.3x with -o json, helm 3 --short, go), and which versions the lab accepts: the pinned kind
// (its node image digest is kind v0.31.0's), containerlab from the pinned release on, kubectl within the
// Kubernetes version skew policy of the cluster's 1.33 (one minor either way), Helm 3 or later.
import { VERSIONS } from './versions.js';

/** "kind v0.31.0 go1.25.5 linux/amd64" -> "0.31.0" */
export function parseKindVersion(output: string): string | undefined {
  return /^kind v(\d+\.\d+\.\d+)/m.exec(output)?.[1];
}

/** containerlab's banner, then lines such as "    version: 0.79.0" -> "0.79.0" */
export function parseContainerlabVersion(output: string): string | undefined {
  return /^\s*version:\s*v?(\d+\.\d+\.\d+)/m.exec(output)?.[1];
}

/** `kubectl version --client -o json`: {"clientVersion":{"gitVersion":"v1.33.4",...}} -> "1.33.4" */
export function parseKubectlVersion(output: string): string | undefined {
  try {
    const version = (JSON.parse(output) as { clientVersion?: { gitVersion?: string } }).clientVersion?.gitVersion;
    return /^v(\d+\.\d+\.\d+)/.exec(version ?? '')?.[1];
  } catch {
    return undefined;
  }
}

/** "v3.19.0+g3d8990f" -> "3.19.0" */
export function parseHelmVersion(output: string): string | undefined {
  return /^v(\d+\.\d+\.\d+)/m.exec(output.trim())?.[1];
}

/** "go version go1.25.5 linux/amd64" -> "1.25.5" */
export function parseGoVersion(output: string): string | undefined {
  return /go version go(\d+\.\d+(?:\.\d+)?)/.exec(output)?.[1];
}

const parts = (v: string): number[] => v.split('.').map(Number);
const atLeast = (v: string, min: string): boolean => {
  const [a, b] = [parts(v), parts(min)];
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
};

/** The Kubernetes minor of the kind node image (kindest/node:v1.33.x in lab/kind/cluster.yaml). */
export const CLUSTER_KUBERNETES_MINOR = 33;

/** Why `version` of `tool` will not do, or undefined when it will. */
export function versionProblem(tool: 'kind' | 'containerlab' | 'kubectl' | 'helm', version: string): string | undefined {
  const [major, minor] = parts(version);
  switch (tool) {
    case 'kind':
      return `${major}.${minor}` === VERSIONS.kind.replace(/^v/, '').split('.').slice(0, 2).join('.') ? undefined : `the lab pins kind ${VERSIONS.kind}, whose node image lab/kind/cluster.yaml names`;
    case 'containerlab':
      return atLeast(version, VERSIONS.containerlab) ? undefined : `the lab needs containerlab ${VERSIONS.containerlab} or later`;
    case 'kubectl':
      return major === 1 && Math.abs((minor ?? 0) - CLUSTER_KUBERNETES_MINOR) <= 1 ? undefined : `the cluster runs Kubernetes 1.${CLUSTER_KUBERNETES_MINOR}; kubectl may be one minor version either side`;
    case 'helm':
      return (major ?? 0) >= 3 ? undefined : 'the Cilium chart needs Helm 3 or later';
  }
}
