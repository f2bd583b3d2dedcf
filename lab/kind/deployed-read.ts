// Reads what an attached lab has deployed (deployed.ts judges it): which API version the cluster prefers
// for each cilium.io kind (`kubectl api-resources`), the lab's resources as the API returns them (those of
// the lab's Cilium kinds it serves, and the Namespaces, Services, Deployments and Pods of the namespaces
// this repository's manifests and promises use), Coil's AddressPools, and Cilium's chart version and Helm values (`helm
// list`, `helm get values`); and Coil's CNI chain as a kind node holds it (`docker exec NODE cat`).
// Read-only: get, list, api-resources, cat.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Executor } from '../exec/command.js';
import { LAB_CILIUM_KINDS, type ApiObject, type DeployedLab } from './deployed.js';
import type { DeployedChain } from './deployed-manifests.js';

/** Where Coil's installer writes the CNI chain on each node (coil docs/cmd-coil-installer.md: CNI_ETC_DIR, CNI_CONF_NAME defaults). */
export const COIL_CNI_CONF = '/etc/cni/net.d/10-coil.conflist';

/** `kubectl api-resources --api-group=cilium.io --no-headers`: NAME [SHORTNAMES] APIVERSION NAMESPACED KIND -> {KIND: APIVERSION}. */
export function parseApiResources(output: string): Record<string, string> {
  return Object.fromEntries(
    output.split('\n').map((l) => l.trim().split(/\s+/)).filter((w) => w.length >= 4).map((w) => [w.at(-1)!, w.at(-3)!]),
  );
}

/** `helm list -o json` -> the cilium release's chart version: [{"name":"cilium","chart":"cilium-1.18.14",...}] -> "1.18.14". */
export function parseCiliumChart(output: string): string {
  const releases = JSON.parse(output) as { name?: string; chart?: string }[];
  const cilium = releases.find((r) => r.name === 'cilium');
  return cilium?.chart?.replace(/^cilium-/, '') ?? 'unknown (no Helm release named cilium)';
}

/** The objects of this repository's manifests folder, as written. */
export function repositoryObjects(dir: string): { objects: ApiObject[]; values: Record<string, unknown> } {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  const docs = (f: string): unknown[] => parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map((d) => d.toJS() as unknown);
  const objects = files.filter((f) => f !== 'cilium-values.yaml').flatMap(docs).filter((o): o is ApiObject => typeof o === 'object' && o !== null && 'kind' in o);
  return { objects, values: (docs('cilium-values.yaml')[0] ?? {}) as Record<string, unknown> };
}

export async function readDeployed(exec: Executor, kubeconfig: string, namespaces: readonly string[]): Promise<DeployedLab> {
  const kubectl = ['kubectl', '--kubeconfig', kubeconfig];
  const servedAt = parseApiResources((await exec.run([...kubectl, 'api-resources', '--api-group=cilium.io', '--no-headers'])).stdout);
  const kinds = LAB_CILIUM_KINDS.filter((k) => servedAt[k]).map((k) => `${k.toLowerCase()}s.cilium.io`);
  const list = async (argv: readonly string[]): Promise<ApiObject[]> => (JSON.parse((await exec.run([...kubectl, 'get', ...argv, '-o', 'json'])).stdout) as { items: ApiObject[] }).items;
  const cluster = kinds.length > 0 ? await list([kinds.join(',')]) : [];
  // the Namespaces themselves, but default, which every cluster has and no manifest writes
  const namespaceObjects = (await list(['namespaces'])).filter((n) => n.metadata.name !== 'default' && namespaces.includes(n.metadata.name));
  const namespaced = (await Promise.all(namespaces.map((ns) => list(['services,deployments,pods', '--namespace', ns]))))
    .flat()
    .filter((o) => o.kind !== 'Service' || (o.spec as { type?: string } | undefined)?.type === 'LoadBalancer');
  // Coil's pools are cluster-scoped (coil v2 api/v2/addresspool_types.go); no CRD: not read, and said so later.
  const pools = await exec.run([...kubectl, 'get', 'addresspools.coil.cybozu.com', '-o', 'json'], { allowFailure: true });
  const addressPools = pools.exitCode === 0 ? (JSON.parse(pools.stdout) as { items: ApiObject[] }).items : undefined;
  const helm = ['helm', '--kubeconfig', kubeconfig, '--namespace', 'kube-system'];
  const ciliumVersion = parseCiliumChart((await exec.run([...helm, 'list', '-o', 'json'])).stdout);
  const ciliumValues = JSON.parse((await exec.run([...helm, 'get', 'values', 'cilium', '-o', 'json'])).stdout || '{}') as Record<string, unknown>;
  return { ciliumVersion, servedAt, objects: [...cluster, ...namespaceObjects, ...namespaced], ciliumValues, ...(addressPools ? { addressPools } : {}) };
}

/** Coil's CNI chain as the kind node `kindNode` holds it; what docker said when it could not be read. */
export async function readCniChain(exec: Executor, kindNode: string): Promise<DeployedChain> {
  const read = await exec.run(['docker', 'exec', kindNode, 'cat', COIL_CNI_CONF], { allowFailure: true });
  if (read.exitCode !== 0) return { unread: `\`docker exec ${kindNode} cat ${COIL_CNI_CONF}\`: ${read.stderr.trim() || `exit status ${read.exitCode}`}` };
  return { text: read.stdout, from: `${kindNode}:${COIL_CNI_CONF}` };
}
