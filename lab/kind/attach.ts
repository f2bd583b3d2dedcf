// Attaching to a real lab that is already up: one the published demo's own Makefile deployed (a kind
// cluster and containerlab containers of the lab's names, no run record of this harness), or one that
// `make deploy` left up. Nothing is created, changed or deleted: the kubeconfig comes from kind
// (`kind get kubeconfig`) into a file of the harness's own, and teardown leaves the lab as it was. A lab
// that is only partly there (a cluster without its containers, Cilium not installed) is refused, with
// what was found and what is missing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserFacingError } from '../util/errors.js';
import { host, type Executor } from '../exec/command.js';
import { runsRoot } from '../util/paths.js';
import type { Lab } from '../description/index.js';
import type { KindDescription } from './description.js';
import { kindLab, type KindLab } from './names.js';

/** What the host shows of a lab of this name. Example: {"found":["kind cluster bgpv2-bird-coil",...],"missing":[]} */
export interface ExistingLab {
  readonly found: readonly string[];
  readonly missing: readonly string[];
}

/** Judges `kind get clusters` and `docker ps --format {{.Names}}` against the lab's names. */
export function judgeExistingLab(lab: KindLab, kindClusters: string, dockerNames: string): ExistingLab {
  const clusters = kindClusters.split('\n').map((l) => l.trim());
  const names = new Set(dockerNames.split('\n').map((l) => l.trim()).filter(Boolean));
  const parts = [
    { what: `kind cluster ${lab.cluster}`, there: clusters.includes(lab.cluster) },
    ...Object.values(lab.kindNodes).map((k) => ({ what: `kind node ${k}`, there: names.has(k) })),
    ...Object.values(lab.containers).map((c) => ({ what: `containerlab node ${c}`, there: names.has(c) })),
  ];
  return { found: parts.filter((p) => p.there).map((p) => p.what), missing: parts.filter((p) => !p.there).map((p) => p.what) };
}

/** The cluster's own parts the specs need, read from the API by the caller: Cilium's agents. */
export interface ClusterParts {
  /** undefined when there is no DaemonSet kube-system/cilium */
  readonly ciliumAgentsReady?: { readonly ready: number; readonly desired: number };
}

/** The parts from the API's answer for DaemonSet kube-system/cilium (undefined: there is none). */
export function ciliumParts(daemonSet: { readonly status?: { readonly numberReady?: number; readonly desiredNumberScheduled?: number } } | undefined): ClusterParts {
  if (!daemonSet) return {};
  return { ciliumAgentsReady: { ready: daemonSet.status?.numberReady ?? 0, desired: daemonSet.status?.desiredNumberScheduled ?? 0 } };
}

/** Refuses a lab that is not whole, saying what it found and what is missing. */
export function checkWholeLab(lab: KindLab, existing: ExistingLab, parts?: ClusterParts): void {
  const missing = [...existing.missing];
  if (parts && !parts.ciliumAgentsReady) missing.push('Cilium (no DaemonSet kube-system/cilium)');
  else if (parts?.ciliumAgentsReady && parts.ciliumAgentsReady.ready < parts.ciliumAgentsReady.desired) {
    missing.push(`Ready Cilium agents (${parts.ciliumAgentsReady.ready} of ${parts.ciliumAgentsReady.desired})`);
  }
  if (existing.found.length === 0) {
    throw new UserFacingError(`LAB_REUSE=1: no ${lab.cluster} lab is up (no kind cluster or containers of its names); bring one up with \`sudo make deploy\``);
  }
  if (missing.length > 0) {
    throw new UserFacingError(
      `LAB_REUSE=1: the ${lab.cluster} lab is only partly up: found ${existing.found.join(', ')}; missing ${missing.join(', ')}. ` +
        'The harness attaches only to a whole lab, and never creates or deletes any part of one it did not make.',
    );
  }
}

/** The run id of a lab this harness attached to and did not make: nothing of it may be changed. */
export const ATTACHED_RUN_ID = 'attached';

/** Looks for the lab on this host and, if it is whole, writes its kubeconfig for the harness and describes it. */
export async function attachToLab(
  t: Lab,
  readParts: (kubeconfig: string) => Promise<ClusterParts>,
  exec: Executor = host,
  runDir = join(runsRoot, '..', 'attached', t.name),
): Promise<{ description: KindDescription; said: string }> {
  const lab = kindLab(t);
  const clusters = await exec.run(['kind', 'get', 'clusters'], { allowFailure: true });
  const names = await exec.run(['docker', 'ps', '--format', '{{.Names}}'], { allowFailure: true });
  if (names.exitCode !== 0) throw new UserFacingError(`LAB_REUSE=1: docker does not answer (${names.stderr.trim()}); \`npx lab kind doctor\` says what this machine lacks`);
  const existing = judgeExistingLab(lab, clusters.stdout, names.stdout);
  checkWholeLab(lab, existing);
  mkdirSync(runDir, { recursive: true });
  const kubeconfig = join(runDir, 'kubeconfig');
  writeFileSync(kubeconfig, (await exec.run(['kind', 'get', 'kubeconfig', '--name', lab.cluster])).stdout, { mode: 0o600 });
  checkWholeLab(lab, existing, await readParts(kubeconfig));
  return {
    description: { fabric: 'kind', runId: ATTACHED_RUN_ID, runDir, kubeconfig, lab: t, names: lab },
    said: `LAB_REUSE=1: attached to the ${lab.cluster} lab this harness did not make (${existing.found.join(', ')}); it will not create, change or delete any of it`,
  };
}
