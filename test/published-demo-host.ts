// The published demo's lab as attach reads it on a host where its own Makefile deployed it: a fake
// executor that answers attach's kubectl, helm and `docker exec … cat` commands from the demo's own files
// (fixtures/kind/published-demo/). What a cluster adds is written here, not recorded (no Docker engine on
// these machines): the last-applied configuration `kubectl apply` keeps, the API server's defaults, where
// the scheduler bound each pod (the demo removed the control plane's taint, so its pods run where their
// nodeSelector says), their status, and the API versions its pre-release Cilium serves.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { CommandResult, Executor } from '../lab/exec/command.js';
import type { ApiObject } from '../lab/kind/deployed.js';
import { fixturePath } from './fixtures.js';

const demo = (file: string): string => readFileSync(fixturePath(join('kind', 'published-demo', file)), 'utf8');
const docs = (file: string): ApiObject[] => parseAllDocuments(demo(file)).map((d) => d.toJS() as ApiObject).filter((o) => o?.kind);

export const KUBECONFIG = '/attached/kubeconfig';
const CONTROL_PLANE = 'bgpv2-bird-coil-control-plane';
const WORKER = 'bgpv2-bird-coil-worker';
const crashing = { phase: 'Running', containerStatuses: [{ ready: false, state: { waiting: { reason: 'CrashLoopBackOff' } } }] };
const running = { phase: 'Running', containerStatuses: [{ ready: true, state: { running: {} } }] };

/** `o` as the API returns what `kubectl apply` made of it: the applied text kept in its annotation, `live` merged into its spec. */
function live(o: ApiObject, spec: Record<string, unknown> = {}, status?: ApiObject['status']): ApiObject {
  const annotations = { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(o) };
  return { ...o, metadata: { ...o.metadata, annotations, ...(o.kind === 'Pod' && !o.metadata.namespace ? { namespace: 'default' } : {}) }, spec: { ...(o.spec as object), ...spec }, ...(status ? { status } : {}) };
}

/** Where the demo's live pods run, by name (the demo's own nodeSelectors, on a cluster with no taint). */
export type Placement = Readonly<Record<string, string | undefined>>;
export const DEMO_PLACEMENT: Placement = { ubuntu: CONTROL_PLANE, 'ubuntu-worker': WORKER, 'ubuntu-echo': CONTROL_PLANE };

/** The demo's objects as its cluster lists them, its pods bound as `placement` says (undefined: not bound). */
export function demoObjects(placement: Placement = DEMO_PLACEMENT): ApiObject[] {
  const bound = (name: string): Record<string, unknown> => (placement[name] ? { nodeName: placement[name] } : {});
  const objects = [...docs('bgp_lb.yaml'), ...docs('lb_test.yaml'), ...docs('test_pod.yaml')];
  const echoPod: ApiObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'ubuntu-echo-6d9c7b8f5-x2x9q', namespace: 'tenant-green', labels: { app: 'ubuntu-echo', 'pod-template-hash': '6d9c7b8f5' }, ownerReferences: [{ kind: 'ReplicaSet', name: 'ubuntu-echo-6d9c7b8f5' }] },
    spec: { ...bound('ubuntu-echo'), containers: [{ name: 'ubuntu', image: 'hashicorp/http-echo' }] },
    status: running,
  };
  return [
    ...objects.map((o) =>
      o.kind === 'Pod' ? live(o, { ...bound(o.metadata.name), dnsPolicy: 'ClusterFirst' }, crashing) : o.kind === 'Service' ? live(o, { clusterIP: '10.2.171.4', sessionAffinity: 'None' }) : live(o),
    ),
    echoPod,
  ];
}

/** A host whose kubectl, helm and docker answer as the demo's lab would; `containers` answers `docker exec C cat FILE`. */
export function demoHost(containers: Readonly<Record<string, Readonly<Record<string, string>>>>, objects = demoObjects()): Executor & { ran: string[] } {
  const ran: string[] = [];
  const kubectl = `kubectl --kubeconfig ${KUBECONFIG}`;
  const helm = `helm --kubeconfig ${KUBECONFIG} --namespace kube-system`;
  const list = (items: readonly ApiObject[]): string => JSON.stringify({ items });
  const cilium = objects.filter((o) => o.apiVersion.startsWith('cilium.io/'));
  const answers: Record<string, string> = {
    [`${kubectl} api-resources --api-group=cilium.io --no-headers`]: [
      'ciliumbgpadvertisements   cbgpadvert   cilium.io/v2alpha1   false   CiliumBGPAdvertisement',
      'ciliumbgpclusterconfigs   cbgpcluster   cilium.io/v2alpha1   false   CiliumBGPClusterConfig',
      'ciliumbgppeerconfigs   cbgppeer   cilium.io/v2alpha1   false   CiliumBGPPeerConfig',
      'ciliumloadbalancerippools   ippools,ippool,lbippool,lbippools   cilium.io/v2alpha1   false   CiliumLoadBalancerIPPool',
    ].join('\n'),
    [`${kubectl} get ciliumbgpclusterconfigs.cilium.io,ciliumbgppeerconfigs.cilium.io,ciliumbgpadvertisements.cilium.io,ciliumloadbalancerippools.cilium.io -o json`]: list(cilium),
    [`${kubectl} get namespaces -o json`]: list([...objects.filter((o) => o.kind === 'Namespace'), ...['default', 'kube-system'].map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }))]),
    [`${kubectl} get addresspools.coil.cybozu.com -o json`]: list(docs('coil_default_pool.yaml').map((o) => live(o))),
    [`${helm} list -o json`]: '[{"name":"cilium","namespace":"kube-system","chart":"cilium-1.16.0-dev-dev.247-main-8c97a2119d"}]',
    [`${helm} get values cilium -o json`]: JSON.stringify(parseAllDocuments(demo('values.yaml'))[0]!.toJS()),
    [`docker exec ${CONTROL_PLANE} cat /etc/cni/net.d/10-coil.conflist`]: demo('netconf.json'),
  };
  for (const ns of ['tenant-green', 'default']) {
    const inNs = objects.filter((o) => ['Service', 'Deployment', 'Pod'].includes(o.kind) && (o.metadata.namespace ?? 'default') === ns);
    answers[`${kubectl} get services,deployments,pods --namespace ${ns} -o json`] = list(inNs);
  }
  for (const [container, files] of Object.entries(containers)) {
    for (const [path, text] of Object.entries(files)) answers[`docker exec ${container} cat ${path}`] = text;
  }
  return {
    where: 'test',
    ran,
    run: async (argv, options) => {
      const line = argv.join(' ');
      ran.push(line);
      const stdout = answers[line];
      const result: CommandResult = stdout === undefined ? { command: argv, exitCode: 1, stdout: '', stderr: `not recorded: ${line}` } : { command: argv, exitCode: 0, stdout, stderr: '' };
      if (result.exitCode !== 0 && !options?.allowFailure) throw new Error(`${line}: ${result.stderr}`);
      return result;
    },
  };
}

/** PID 1 of the demo's BIRD containers: its entrypoint's `exec /usr/sbin/bird -c /etc/bird.conf -d`, NUL-separated as /proc shows it. */
export const DEMO_BIRD_CMDLINE = '/usr/sbin/bird\0-c\0/etc/bird.conf\0-d\0';
const birdConf = (file: string): string => demo(join('bird', file));

/** The demo's three containers, as topo.yaml binds their configs. */
export const DEMO_CONTAINERS = {
  'clab-bgpv2-bird-coil-router0': { '/proc/1/cmdline': DEMO_BIRD_CMDLINE, '/etc/bird.conf': birdConf('bird_router.conf') },
  'clab-bgpv2-bird-coil-server0': { '/proc/1/cmdline': DEMO_BIRD_CMDLINE, '/etc/bird.conf': birdConf('bird_cp.conf') },
  'clab-bgpv2-bird-coil-server1': { '/proc/1/cmdline': DEMO_BIRD_CMDLINE, '/etc/bird.conf': birdConf('bird_worker.conf') },
} as const;
