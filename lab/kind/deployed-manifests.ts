// The manifests folder of an attached lab, written from what attach read of its cluster (deployed-read.ts),
// so that the manifests reader (lab/manifests/) reads the lab that is there rather than this repository's:
// each object as it was applied (kubectl's last-applied-configuration, deployed.ts `applied`), each pod
// bound to the node it runs on (spec.nodeName of the live pod; a Deployment's template from its running
// pod, found by the Deployment's selector), a Namespace for each namespace they live in, Coil's
// AddressPools, Cilium's Helm values and Coil's CNI chain. Where the cluster left something unread, this
// repository's is written instead, and a note says so. Pure: deployed-lab.ts reads and writes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { MANIFEST_LAYOUT, resourceFiles } from '../manifests/load.js';
import { selects, type LabelSelector } from '../manifests/selectors.js';
import { applied, LAST_APPLIED, type ApiObject, type DeployedLab } from './deployed.js';

/** Coil's CNI chain as a kind node holds it, or why it was not read. Example: {"text":"{\"cniVersion\":\"0.3.1\",...}","from":"bgpv2-bird-coil-control-plane:/etc/cni/net.d/10-coil.conflist"} */
export type DeployedChain = { readonly text: string; readonly from: string } | { readonly unread: string };

/** The folder's files, by path inside it, and what the folder takes from this repository. Example: {"files":{"cilium.yaml":"…"},"notes":["…"]} */
export interface DeployedManifests {
  readonly files: Readonly<Record<string, string>>;
  readonly notes: readonly string[];
}

const key = (o: ApiObject): string => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;
const CILIUM_GROUP = /^cilium\.io\//;

/** The object as written in a manifest: apiVersion, kind, the metadata a manifest sets, spec; no status. */
function asManifest(live: ApiObject, notes: string[]): ApiObject {
  if (!live.metadata.annotations?.[LAST_APPLIED]) notes.push(`${key(live)} was not made by kubectl apply: written as the API returns it, with the fields the API server defaulted`);
  const o = applied(live);
  const { name, namespace, labels, annotations } = o.metadata;
  const kept = Object.entries(annotations ?? {}).filter(([k]) => k !== LAST_APPLIED);
  const metadata = { name, ...(namespace ? { namespace } : {}), ...(labels ? { labels } : {}), ...(kept.length ? { annotations: Object.fromEntries(kept) } : {}) };
  return { apiVersion: o.apiVersion, kind: o.kind, metadata, ...(o.spec === undefined ? {} : { spec: o.spec }) };
}

const nodeNameOf = (pod: ApiObject): string | undefined => (pod.spec as { nodeName?: string } | undefined)?.nodeName;

/** `pod` bound to `node`: its spec with nodeName set, the way the scheduler binds it (pods/binding). */
function boundTo(spec: unknown, node: string): unknown {
  return { ...(spec as Record<string, unknown>), nodeName: node };
}

/** The Deployment as applied, its template bound to the node of its live pod (the one its selector selects). */
function deploymentOn(deployment: ApiObject, pods: readonly ApiObject[], notes: string[]): ApiObject {
  const written = asManifest(deployment, notes);
  const raw = (deployment.spec as { selector?: Partial<LabelSelector> } | undefined)?.selector;
  const selector: LabelSelector | undefined = raw && { matchLabels: raw.matchLabels ?? {}, matchExpressions: raw.matchExpressions ?? [] };
  const own = pods.filter((p) => p.metadata.namespace === deployment.metadata.namespace && selects(selector, p.metadata.labels ?? {}));
  const nodes = [...new Set(own.flatMap((p) => nodeNameOf(p) ?? []))];
  if (nodes.length !== 1) {
    notes.push(`${key(deployment)} has ${nodes.length ? `pods on ${nodes.join(', ')}` : 'no pod bound to a node'}: written without spec.template.spec.nodeName, so the reader places it by the scheduler's rules`);
    return written;
  }
  const spec = written.spec as { template: { spec: unknown } };
  return { ...written, spec: { ...spec, template: { ...spec.template, spec: boundTo(spec.template.spec, nodes[0]!) } } };
}

const yamlOf = (objects: readonly ApiObject[]): string => objects.map((o) => stringify(o)).join('---\n');

/** The AddressPool documents of this repository's manifests folder `repository`. */
function repositoryPools(repository: string): ApiObject[] {
  return resourceFiles(repository).flatMap((f) => parseAllDocuments(readFileSync(f, 'utf8')).map((d) => d.toJS() as ApiObject)).filter((o) => o?.kind === 'AddressPool');
}

/** The deployed lab's manifests folder: `deployed` as read, `chain` as a node holds it, this repository's (`repository`) where the cluster left a part unread. */
export function deployedManifests(deployed: DeployedLab, chain: DeployedChain, repository: string): DeployedManifests {
  const notes: string[] = [];
  const pods = deployed.objects.filter((o) => o.kind === 'Pod');
  const bare: ApiObject[] = [];
  for (const pod of pods.filter((p) => !p.metadata.ownerReferences?.length)) {
    const node = nodeNameOf(pod);
    const written = asManifest(pod, notes);
    if (node) bare.push({ ...written, spec: boundTo(written.spec, node) });
    else notes.push(`Pod ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name} is bound to no node (${pod.status?.phase ?? 'no phase'}): left out of the deployed lab, since it runs nowhere`);
  }
  const deployments = deployed.objects.filter((o) => o.kind === 'Deployment').map((d) => deploymentOn(d, pods, notes));
  const services = deployed.objects.filter((o) => o.kind === 'Service').map((s) => asManifest(s, notes));
  const workloads = [...deployments, ...services, ...bare];
  // a namespace the objects live in exists, listed (deployed-read.ts) or not
  const listed = deployed.objects.filter((o) => o.kind === 'Namespace').map((o) => asManifest(o, notes));
  const unlisted = [...new Set(workloads.flatMap((o) => o.metadata.namespace ?? []))].filter((ns) => ns !== 'default' && !listed.some((n) => n.metadata.name === ns)).sort();
  const namespaces = [...listed, ...unlisted.map((name): ApiObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }))];
  const cilium = deployed.objects.filter((o) => CILIUM_GROUP.test(o.apiVersion)).map((o) => asManifest(o, notes));
  let pools = deployed.addressPools?.map((o) => asManifest(o, notes));
  if (!pools) {
    pools = repositoryPools(repository);
    notes.push(`Coil's AddressPools were not read from the cluster: ${join('coil', 'address-pool.yaml')} holds this repository's (${pools.map((p) => p.metadata.name).join(', ') || 'none'})`);
  }
  if ('unread' in chain) notes.push(`${MANIFEST_LAYOUT.cniChain} is this repository's: the deployed CNI chain was not read (${chain.unread})`);
  const files: Record<string, string> = {
    'cilium.yaml': yamlOf(cilium),
    'workloads.yaml': yamlOf([...namespaces, ...workloads]),
    [join('coil', 'address-pool.yaml')]: yamlOf(pools),
    [MANIFEST_LAYOUT.ciliumValues]: stringify(deployed.ciliumValues),
    [MANIFEST_LAYOUT.cniChain]: 'text' in chain ? chain.text : readFileSync(join(repository, MANIFEST_LAYOUT.cniChain), 'utf8'),
  };
  return { files, notes: [...new Set(notes)] };
}
