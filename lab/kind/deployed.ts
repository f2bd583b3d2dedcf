// What an attached lab has deployed, against this repository's manifests, said before any spec runs, one
// line each: which API version its Cilium serves the BGP and LB-IPAM kinds at, the lab's pods that are not
// Running and Ready (with their command, since a broken one is the usual cause), each resource of the lab
// that differs from the repository's (apiVersion, spec, or absent on either side), and each Cilium Helm
// value that differs. A cluster that serves the BGP kinds at neither cilium.io/v2 nor v2alpha1 is refused:
// nothing of what the specs read there would exist. Pure: deployed-read.ts gathers the input.
import { UserFacingError } from '../util/errors.js';

/** One object as the API returns it (kubectl get -o json). */
export interface ApiObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
    /** a pod a ReplicaSet made names it here (a Deployment's pod) */
    readonly ownerReferences?: readonly { readonly kind: string; readonly name: string }[];
  };
  readonly spec?: unknown;
  readonly status?: {
    readonly phase?: string;
    readonly containerStatuses?: readonly { readonly ready?: boolean; readonly state?: Record<string, { readonly reason?: string } | undefined> }[];
  };
}

/** What attach read of the lab. Example: {"ciliumVersion":"1.16.0-dev-dev.247-main-8c97a2119d","servedAt":{"CiliumBGPClusterConfig":"cilium.io/v2alpha1"},...} */
export interface DeployedLab {
  /** the version of the Cilium chart installed (helm list) */
  readonly ciliumVersion: string;
  /** the API version the cluster prefers for each cilium.io kind (kubectl api-resources), by kind */
  readonly servedAt: Readonly<Record<string, string>>;
  /** the lab's resources as deployed: BGP, LB-IPAM, Services, Deployments, Pods */
  readonly objects: readonly ApiObject[];
  /** the Helm values Cilium was installed with (helm get values -o json) */
  readonly ciliumValues: Readonly<Record<string, unknown>>;
  /** Coil's AddressPools; absent: the cluster did not list them (no Coil CRD, or not read) */
  readonly addressPools?: readonly ApiObject[];
}

/** The kinds whose resources the lab's BGP and LB-IPAM are made of, as Cilium 1.18 serves them (cilium.io/v2). */
export const LAB_CILIUM_KINDS = ['CiliumBGPClusterConfig', 'CiliumBGPPeerConfig', 'CiliumBGPAdvertisement', 'CiliumLoadBalancerIPPool'] as const;
const SERVED = ['cilium.io/v2', 'cilium.io/v2alpha1'];

const key = (o: Pick<ApiObject, 'kind' | 'metadata'>): string => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;

/** Leaf paths of a JSON value: {"a":{"b":1}} -> {"a.b":1}; lists are leaves, compared whole. */
function leaves(value: unknown, prefix = ''): Map<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return new Map(prefix ? [[prefix, JSON.stringify(value)]] : []);
  return new Map(Object.entries(value).flatMap(([k, v]) => [...leaves(v, prefix ? `${prefix}.${k}` : k)]));
}

/** "a = 1 (this repository's manifests: 2)" for each leaf that differs. */
function leafDifferences(what: string, deployed: unknown, repository: unknown): string[] {
  const [d, r] = [leaves(deployed), leaves(repository)];
  return [...new Set([...d.keys(), ...r.keys()])].sort().flatMap((path) =>
    d.get(path) === r.get(path) ? [] : [`${what}${path} = ${d.get(path) ?? '(absent)'} (this repository's manifests: ${r.get(path) ?? 'absent'})`],
  );
}

/** Where `kubectl apply` keeps what it applied, on the object. */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * What was applied: `kubectl apply` keeps it in the kubectl.kubernetes.io/last-applied-configuration
 * annotation, without the fields the API server defaults (a Service's clusterIP, a pod's tolerations),
 * which would otherwise all read as differences. An object applied another way is taken as it is.
 */
export function applied(o: ApiObject): ApiObject {
  const text = o.metadata.annotations?.[LAST_APPLIED];
  return text ? (JSON.parse(text) as ApiObject) : o;
}

/** Why a pod is not Running and Ready: "CrashLoopBackOff: command sleep infinit". */
function podTrouble(pod: ApiObject): string | undefined {
  const statuses = pod.status?.containerStatuses ?? [];
  if (pod.status?.phase === 'Running' && statuses.length > 0 && statuses.every((s) => s.ready)) return undefined;
  const reason = statuses.flatMap((s) => Object.values(s.state ?? {}).flatMap((st) => (st?.reason ? [st.reason] : [])))[0] ?? pod.status?.phase ?? 'not Ready';
  const container = (pod.spec as { containers?: { command?: string[]; args?: string[] }[] } | undefined)?.containers?.[0];
  const command = [...(container?.command ?? []), ...(container?.args ?? [])].join(' ');
  return `${reason}${command ? `: command ${command}` : ''}`;
}

/** The lines to print before the specs; throws where the cluster serves the lab's BGP kinds at no version the harness reads. */
export function deployedDifferences(deployed: DeployedLab, repository: readonly ApiObject[], repositoryValues: Readonly<Record<string, unknown>>): string[] {
  const version = deployed.ciliumVersion;
  const unread = LAB_CILIUM_KINDS.filter((k) => !SERVED.includes(deployed.servedAt[k] ?? ''));
  if (unread.length > 0) {
    throw new UserFacingError(
      `LAB_REUSE=1: the deployed Cilium ${version} serves ${unread.map((k) => `${k} at ${deployed.servedAt[k] ?? 'no version'}`).join(', ')}; ` +
        `the harness reads them at ${SERVED.join(' or ')} (what cilium.io serves there: ${Object.entries(deployed.servedAt).map(([k, v]) => `${k} ${v}`).join(', ') || 'nothing'})`,
    );
  }
  const alpha = LAB_CILIUM_KINDS.filter((k) => deployed.servedAt[k] === 'cilium.io/v2alpha1');
  const lines = alpha.length > 0 ? [`deployed Cilium ${version} serves ${alpha.join(', ')} only as cilium.io/v2alpha1 (this repository's manifests are cilium.io/v2)`] : [];
  for (const pod of deployed.objects.filter((o) => o.kind === 'Pod')) {
    const trouble = podTrouble(pod);
    if (trouble) lines.push(`pod ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name} is ${trouble}`);
  }
  const ours = new Map(repository.map((o) => [key(o), o]));
  for (const o of deployed.objects.filter((x) => x.kind !== 'Pod' || ours.has(key(x))).map(applied)) {
    const mine = ours.get(key(o));
    if (!mine) {
      lines.push(`deployed ${key(o)} is not in this repository's manifests`);
      continue;
    }
    if (mine.apiVersion !== o.apiVersion) lines.push(`${key(o)} is deployed as ${o.apiVersion} (this repository's manifests: ${mine.apiVersion})`);
    lines.push(...leafDifferences(`${key(o)}: spec.`, o.spec, mine.spec));
  }
  const deployedKeys = new Set(deployed.objects.map(key));
  for (const mine of repository.filter((o) => !deployedKeys.has(key(o)))) lines.push(`${key(mine)} of this repository's manifests is not deployed`);
  lines.push(...leafDifferences('Cilium value ', deployed.ciliumValues, repositoryValues));
  return lines;
}
