// Reads the lab from its own files into one description (lab.ts): the containerlab topology, the kind
// cluster, the BIRD configs the topology's nodes run, manifests/ (where pods run, which peers each
// speaker has) and the promises of lab/claims.yaml. Both fabrics, the specs, the controls and the
// report iterate over what this returns. A promise that names what the files do not define is refused
// here, before anything is made.
import { join } from 'node:path';
import { NetnsCannotRun } from '../manifests/fields.js';
import { readClusterIntent, readPlacement, type ClusterIntent } from '../manifests/intent.js';
import { readKindCluster } from '../manifests/kind-nodes.js';
import { displayPath } from '../manifests/load.js';
import { DEFAULT_MANIFESTS, repoRoot } from '../util/paths.js';
import { readClaims } from './claims.js';
import { LabFileError, readContainerlab } from './containerlab.js';
import type { Lab, LabFiles, PlacedPod, PodRef, SpeakerPeer } from './lab.js';
import { labNodes } from './lab-nodes.js';

/** The lab this repository describes. */
export const DEFAULT_LAB_FILES: LabFiles = {
  topology: join(repoRoot, 'lab', 'kind', 'topology.clab.yaml'),
  cluster: join(repoRoot, 'lab', 'kind', 'cluster.yaml'),
  claims: join(repoRoot, 'lab', 'claims.yaml'),
  manifests: DEFAULT_MANIFESTS,
};

const key = (p: PodRef): string => `${p.namespace}/${p.name}`;

/** The manifests' intent, or for the kind fabric, where the reader refuses them as netns-only, where their pods run. */
function readIntent(files: LabFiles, fabric: 'netns' | 'kind'): Pick<ClusterIntent, 'pods' | 'speakers' | 'services' | 'notes'> & { readonly readNotes: string[] } {
  try {
    return { ...readClusterIntent(files.manifests, files.cluster), readNotes: [] };
  } catch (error) {
    if (fabric !== 'kind' || !(error instanceof NetnsCannotRun)) throw error;
    const { pods, pending } = readPlacement(files.manifests, files.cluster);
    return {
      pods, speakers: [], services: [], notes: pending.map((p) => p.pending),
      readNotes: [`manifests: ${error.message.split(' (the kind fabric')[0]}; the kind fabric applies them as they are, takes where their pods run, and judges each speaker's sessions by its node's BIRD config alone`],
    };
  }
}

/**
 * `fabric`: the fabric the lab is read for. The kind fabric applies manifests as they are, so where the
 * reader refuses them only because the netns fabric could not run them, the kind lab still takes where the
 * pods run from them, and judges each speaker by its node's BIRD config alone (said in a note).
 */
export function readLab(files: LabFiles = DEFAULT_LAB_FILES, fabric: 'netns' | 'kind' = 'netns'): Lab {
  const topo = readContainerlab(files.topology, displayPath(files.topology));
  const cluster = readKindCluster(files.cluster);
  const claims = readClaims(files.claims, displayPath(files.claims));
  if (topo.name !== cluster.name) {
    throw new LabFileError(`${displayPath(files.topology)}: name = ${JSON.stringify(topo.name)}, but the kind cluster is ${JSON.stringify(cluster.name)} (${displayPath(files.cluster)}): the lab's containers and its cluster share one name`);
  }
  const { router, servers } = labNodes(topo, cluster, claims.client, claims.file);
  const serverOf = new Map(servers.map((s) => [s.kindNode, s.name]));

  const intent = readIntent(files, fabric);
  const pods: PlacedPod[] = intent.pods.map((p) => ({ namespace: p.namespace, name: p.name, server: serverOf.get(p.node)! }));
  const speakerPeers: Record<string, SpeakerPeer[]> = Object.fromEntries(
    intent.speakers.map((s) => [serverOf.get(s.node)!, s.peers.map((p) => ({ neighborAddress: p.address, neighborAs: p.asn, localAs: s.localAsn }))]),
  );

  const { service: claimed } = claims;
  const manifests = displayPath(files.manifests);
  // (where the reader refused the manifests for the kind fabric, their Services are not known here)
  if (intent.readNotes.length === 0 && !intent.services.some((s) => key(s) === key(claimed))) {
    throw new LabFileError(`${claims.file}: service = ${key(claimed)}, which ${manifests} does not define as a LoadBalancer Service (it defines ${intent.services.map(key).join(', ') || 'none'})`);
  }
  const promisedPods = [{ pod: claimed.backend, field: 'service.backend.pod' }, ...claims.ping.flatMap((pair, i) => pair.map((pod, j) => ({ pod, field: `ping[${i}][${j}]` })))];
  for (const { pod, field } of promisedPods) {
    if (!pods.some((p) => key(p) === key(pod))) {
      const pending = intent.notes.find((n) => n.includes(key(pod)));
      throw new LabFileError(`${claims.file}: ${field} = ${key(pod)}, ${pending ? `which runs on no node: ${pending}` : `which ${manifests} does not define (pods: ${pods.map(key).join(', ')})`}`);
    }
  }
  const serverNames = servers.map((s) => s.name);
  const advertisedBy = claimed.advertisedBy === 'every server' ? serverNames : claimed.advertisedBy;
  const unknown = advertisedBy.filter((s) => !serverNames.includes(s));
  if (unknown.length) throw new LabFileError(`${claims.file}: service.advertisedBy names ${unknown.join(', ')}, which is none of the lab's servers (${serverNames.join(', ')})`);

  const notes = [...intent.readNotes, ...[router, ...servers].flatMap((n) =>
    n.exec.flatMap((s) => (s.kind === 'skipped' ? [`${n.name}: exec "${s.argv.join(' ')}" is not run on the netns fabric: ${s.why}`] : [])),
  )];
  const { client: _client, service: _service, podPool, ...rest } = claims;
  return {
    name: topo.name,
    files,
    router,
    servers,
    links: topo.links,
    serviceSubnet: cluster.serviceSubnet,
    podSubnet: cluster.podSubnet,
    pods,
    speakerPeers,
    service: { ...claimed, advertisedBy },
    podPool,
    claims: rest,
    notes,
  };
}
