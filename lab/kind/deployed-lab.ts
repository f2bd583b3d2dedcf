// The lab that is there, for the specs of an attached run to judge: attach writes it as the lab's own
// files, in a copy of the lab (lab/description/lab-copy.ts) under its run folder, and reads it with the
// lab reader, as the repository's files are read for a run the harness makes:
// - manifests/: the cluster's objects as applied, each pod on the node it runs on (deployed-manifests.ts);
// - containers/<container>/…: each node's BIRD config and the files it includes, read out of the node's
//   container (deployed-bird.ts), and a topology whose cmd and binds are what each container runs
//   (deployed-topology.ts);
// - the kind cluster file and the promises stay this repository's (lab/claims.yaml is what is judged).
// A lab the reader refuses (a promise naming a pod the cluster does not run) stops the attach: it is the
// deployed lab that lacks it, and the message says so. Nothing of the cluster or containers is changed.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserFacingError } from '../util/errors.js';
import type { Executor } from '../exec/command.js';
import type { Lab, LabFiles } from '../description/index.js';
import { BirdConfigError } from '../description/bird-tokens.js';
import { copyLab } from '../description/lab-copy.js';
import { readLab } from '../description/read-lab.js';
import { displayPath } from '../manifests/load.js';
import { ManifestError } from '../manifests/fields.js';
import type { Progress } from '../run/progress.js';
import { deployedDifferences, type DeployedLab } from './deployed.js';
import { readContainerBird } from './deployed-bird.js';
import { deployedManifests } from './deployed-manifests.js';
import { readCniChain, readDeployed, repositoryObjects } from './deployed-read.js';
import { deployedTopology, type NodeRuns } from './deployed-topology.js';

/** The deployed lab as read, where its files are, and what of it is this repository's. */
export interface AttachedLab {
  readonly lab: Lab;
  /** the folder that holds the deployed lab's files: <runDir>/deployed */
  readonly dir: string;
  readonly notes: readonly string[];
}

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** Writes the deployed lab into `dir` from `deployed` and the nodes' containers, and reads it against `t`'s promises. */
export async function readAttachedLab(t: Lab, deployed: DeployedLab, exec: Executor, dir: string): Promise<AttachedLab> {
  rmSync(dir, { recursive: true, force: true });
  const copy = copyLab(dir);
  // the lab's own files, as the run was started with (LAB_TOPOLOGY, LAB_CLUSTER), over the repository's
  write(copy.cluster, readFileSync(t.files.cluster, 'utf8'));
  rmSync(copy.manifests, { recursive: true, force: true });
  const chainNode = t.servers[0]?.kindNode;
  const chain = chainNode ? await readCniChain(exec, chainNode) : { unread: 'the lab has no kind node' };
  const manifests = deployedManifests(deployed, chain, t.files.manifests);
  for (const [file, text] of Object.entries(manifests.files)) write(join(copy.manifests, file), text);

  const runs: NodeRuns[] = [];
  for (const node of [t.router, ...t.servers]) {
    const bird = await readContainerBird(exec, node.container);
    const binds = bird.files.map((f) => ({ host: join(dir, 'containers', node.container, f.path), container: f.path }));
    bird.files.forEach((f, i) => write(binds[i]!.host, f.text));
    runs.push({ node: node.name, argv: bird.argv, binds });
  }
  write(copy.topology, deployedTopology(readFileSync(t.files.topology, 'utf8'), displayPath(t.files.topology), runs));

  const files: LabFiles = { topology: copy.topology, cluster: copy.cluster, claims: t.files.claims, manifests: copy.manifests };
  let lab: Lab;
  try {
    lab = readLab(files, 'kind');
  } catch (error) {
    if (!(error instanceof ManifestError || error instanceof BirdConfigError)) throw error;
    throw new UserFacingError(
      `LAB_REUSE=1: the deployed lab (its files written to ${displayPath(dir)}) does not give what ${displayPath(t.files.claims)} promises, or cannot be read: ${error.message}. ` +
        "It is the deployed lab (what its cluster runs, its containers' BIRD configs) that lacks it, not this repository's files",
    );
  }
  const kept = `each node's exec (its addresses), its links and its image are this repository's (${displayPath(t.files.topology)}), as is the kind cluster file (${displayPath(t.files.cluster)}): attach reads the BIRD each container runs, not how the containers were made`;
  return { lab, dir, notes: [...manifests.notes, kept] };
}

/**
 * What attach says and judges of the lab there, after it found it whole: first where the deployed objects
 * differ from this repository's manifests, then the deployed lab, written under `runDir` and read; the
 * specs judge that lab. The namespaces read are those of this repository's manifests and of the promises.
 */
export async function judgeDeployedLab(t: Lab, kubeconfig: string, runDir: string, exec: Executor, progress: Progress): Promise<Lab> {
  const { objects, values } = repositoryObjects(t.files.manifests);
  const promised = [t.service, t.service.backend, ...t.claims.ping.flat()].map((p) => p.namespace);
  const manifestNamespaces = objects.flatMap((o) => (o.metadata.namespace ? [o.metadata.namespace] : o.kind === 'Pod' ? ['default'] : []));
  const deployed = await readDeployed(exec, kubeconfig, [...new Set([...manifestNamespaces, ...promised])]);
  const differences = deployedDifferences(deployed, objects, values);
  differences.forEach((line) => progress.note(`deployed: ${line}`));
  if (differences.length === 0) progress.note("deployed: as this repository's manifests say");
  const attached = await readAttachedLab(t, deployed, exec, join(runDir, 'deployed'));
  [...attached.notes, ...attached.lab.notes].forEach((note) => progress.note(`deployed lab: ${note}`));
  progress.note(`deployed lab written to ${displayPath(attached.dir)}: the specs judge it against ${displayPath(t.files.claims)}`);
  return attached.lab;
}
