// Pods (bare, or from a Deployment's template) as the netns fabric runs them: labels, the node they run
// on (the one spec.nodeName binds them to, as an attached lab's pods are written, or else the one the
// scheduler would pick: scheduling.ts), and the one process it knows how to run in a pod's namespace:
// hashicorp/http-echo with its -text and -listen arguments (github.com/hashicorp/http-echo main.go; the
// lab's clone is lab/workloads/http-echo.ts). A test pod that only sleeps runs nothing. Any other image,
// or a field that would change what runs, stops the run with its file and field.
import { Fields, invalid, notImplemented } from './fields.js';
import type { ClusterNode } from './kind-nodes.js';
import type { RawResource } from './load.js';
import { bindPod, placePod, readTolerations } from './scheduling.js';
import { readSelector, selects } from './selectors.js';

/** The echo server a pod runs. Example: {"text":"Hello from Ubuntu echo server!","port":8080} */
export interface EchoIntent {
  readonly text: string;
  readonly port: number;
}

/** A pod as the cluster would run it. Example: {"namespace":"default","name":"ubuntu","node":"bgpv2-bird-coil-control-plane",...} */
export interface PodIntent {
  readonly namespace: string;
  /** the Pod's name, or for a Deployment's single replica the Deployment's */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** the Kubernetes node it runs on */
  readonly node: string;
  readonly echo?: EchoIntent;
  /** where it is written, for messages */
  readonly source: string;
}

const ECHO_IMAGE = /^hashicorp\/http-echo(:[\w.-]+)?$/;
const SLEEP_FOREVER = ['sleep', 'infinity'];

function readEcho(container: Fields): EchoIntent {
  const args = container.strings('args');
  const options = new Map(args.map((a) => {
    const match = /^-{1,2}([a-z-]+)=(.*)$/.exec(a);
    if (!match) throw notImplemented(container.ref, `${container.path}.args`, a, 'is an http-echo argument the netns fabric does not implement (it takes -text=... and -listen=:PORT)');
    return [match[1]!, match[2]!] as const;
  }));
  const unknown = [...options.keys()].find((k) => k !== 'text' && k !== 'listen');
  if (unknown) throw notImplemented(container.ref, `${container.path}.args`, `-${unknown}`, 'is an http-echo option the netns fabric does not implement');
  const listen = /^:(\d+)$/.exec(options.get('listen') ?? ':5678');
  if (!listen) throw invalid(container.ref, `${container.path}.args`, options.get('listen'), '-listen=:PORT');
  if (!options.has('text')) throw invalid(container.ref, `${container.path}.args`, args, 'a -text= argument (http-echo refuses to start without it)');
  return { text: options.get('text')!, port: Number(listen[1]) };
}

/** The one container of a pod spec: an echo server, or a pod that sleeps. */
function readContainer(spec: Fields): EchoIntent | undefined {
  const containers = spec.objects('containers');
  if (containers.length !== 1) throw notImplemented(spec.ref, `${spec.path}.containers`, `${containers.length} containers`, 'is not one container, the only shape the netns fabric runs');
  const container = containers[0]!;
  container.ignore('name');
  const image = container.string('image');
  // The probe only says when the pod is Ready; the netns fabric waits for the echo port itself.
  container.ignore('readinessProbe');
  let echo: EchoIntent | undefined;
  if (ECHO_IMAGE.test(image)) {
    echo = readEcho(container);
    const ports = container.objects('ports').map((p) => {
      p.ignore('name');
      const port = p.number('containerPort');
      if ((p.optionalString('protocol') ?? 'TCP') !== 'TCP') throw notImplemented(spec.ref, `${p.path}.protocol`, p.raw('protocol'));
      p.done();
      return port;
    });
    if (ports.length > 0 && !ports.includes(echo.port)) throw invalid(spec.ref, `${container.path}.ports`, ports, `the port http-echo listens on, ${echo.port}`);
  } else {
    const command = container.strings('command');
    if (command.join(' ') !== SLEEP_FOREVER.join(' ') || container.has('args')) {
      throw notImplemented(spec.ref, `${container.path}.image`, image, `runs ${JSON.stringify(command)}: the netns fabric runs hashicorp/http-echo, or a pod whose command is ${JSON.stringify(SLEEP_FOREVER)}`);
    }
  }
  container.done();
  return echo;
}

/** A pod the scheduler cannot place: it never runs, and the reason is a note for the failure it causes. */
export interface PendingPod {
  readonly namespace: string;
  readonly name: string;
  /** why no node takes it */
  readonly pending: string;
}

/** What of a pod is read: all of it, or only where it runs (its containers are the kind fabric's business). */
export type PodReading = 'whole' | 'placement';

function podFrom(r: RawResource, metadata: Fields, spec: Fields, name: string, nodes: readonly ClusterNode[], reading: PodReading): PodIntent | PendingPod {
  const labels = metadata.stringMap('labels');
  metadata.done();
  const nodeSelector = spec.stringMap('nodeSelector');
  const tolerations = readTolerations(spec);
  const nodeName = spec.optionalString('nodeName');
  if (reading === 'placement') spec.ignore('containers');
  const echo = reading === 'whole' ? readContainer(spec) : undefined;
  spec.done();
  const node = nodeName === undefined ? placePod(r.ref, spec.path, nodes, nodeSelector, tolerations) : bindPod(r.ref, spec.path, nodes, nodeName, nodeSelector, tolerations);
  if ('pending' in node) return { namespace: r.namespace ?? 'default', name, pending: node.pending };
  return { namespace: r.namespace ?? 'default', name, labels, node: node.name, ...(echo ? { echo } : {}), source: `${r.ref.file}: ${r.ref.kind} ${r.ref.name}` };
}

export function readPod(r: RawResource, nodes: readonly ClusterNode[], reading: PodReading = 'whole'): PodIntent | PendingPod {
  const spec = r.fields.object('spec');
  r.fields.done();
  return podFrom(r, r.metadata, spec, r.ref.name.split('/').at(-1)!, nodes, reading);
}

/** A Deployment's pod: one replica (more would need names the kind fabric cannot predict). */
export function readDeployment(r: RawResource, nodes: readonly ClusterNode[], reading: PodReading = 'whole'): PodIntent | PendingPod {
  r.metadata.done();
  const spec = r.fields.object('spec');
  r.fields.done();
  const replicas = spec.optionalNumber('replicas') ?? 1;
  if (replicas !== 1) throw notImplemented(r.ref, 'spec.replicas', replicas, 'is not 1, the only replica count the netns fabric runs');
  const selector = readSelector(spec, 'selector');
  const template = spec.object('template');
  spec.done();
  const metadata = template.object('metadata');
  // apps/v1 validation: the selector must select the template's labels.
  if (!selects(selector, metadata.stringMap('labels'))) throw invalid(r.ref, 'spec.selector', selector, "a selector that selects the template's labels");
  const pod = podFrom(r, metadata, template.object('spec'), r.ref.name.split('/').at(-1)!, nodes, reading);
  template.done();
  return pod;
}
