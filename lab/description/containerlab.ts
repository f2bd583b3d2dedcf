// The containerlab topology file of the lab (lab/kind/topology.clab.yaml), read field by field: each field
// below is one both fabrics act on, anything else is refused with file, node and field, since a lab that
// relies on it would not be the lab the harness builds and judges. Field meanings are containerlab's
// (docs "Topology definition", "Nodes", "Kinds", "Links"; schema schemas/clab.schema.json):
// - name: the lab's name; containers are clab-<name>-<node>.
// - topology.defaults / topology.kinds.<kind>: image and binds for every node (of that kind); a node's
//   own binds add to them.
// - topology.nodes.<node>: kind (linux only: a container), image, cmd (the node's main process: here the
//   BIRD that runs its config), exec (commands run in the node once it is up, after its links), binds
//   (host:container[:ro], the host path relative to the topology file), network-mode (container:<name>:
//   the node shares that container's network namespace: a server inside a kind node).
// - topology.links[].endpoints: ["node:interface", "node:interface"], a veth pair.
import { dirname, isAbsolute, resolve } from 'node:path';
import { Fields, ManifestError, type ResourceRef } from '../manifests/fields.js';
import { parseYamlFile } from '../manifests/load.js';
import { readExecStep, type ExecStep } from './exec-steps.js';

/** One containerlab node as the lab reads it. Example: {"name":"server0","image":"bgpv2-bird:2.0.12","cmd":["bird","-f","-c","/etc/bird/lab/server0.conf"],"exec":[...],"sharesNetworkOf":"bgpv2-bird-coil-control-plane","binds":[...]} */
export interface ClabNode {
  readonly name: string;
  readonly image?: string;
  readonly cmd: readonly string[];
  readonly exec: readonly ExecStep[];
  /** the container whose network namespace the node shares (network-mode container:NAME) */
  readonly sharesNetworkOf?: string;
  /** host path -> container path, host paths resolved against the topology file's folder */
  readonly binds: readonly { readonly host: string; readonly container: string }[];
}

export interface ClabEnd {
  readonly node: string;
  readonly interface: string;
}

/** The topology file as read. Example: {"file":"lab/kind/topology.clab.yaml","name":"bgpv2-bird-coil","nodes":[...],"links":[[{"node":"router0","interface":"net1"},{"node":"server0","interface":"net0"}]]} */
export interface ClabTopology {
  readonly file: string;
  readonly name: string;
  readonly nodes: readonly ClabNode[];
  readonly links: readonly (readonly [ClabEnd, ClabEnd])[];
}

/** An error in one of the lab's own files: file, node or link, field, and what is wrong. */
export class LabFileError extends ManifestError {
  override name = 'LabFileError';
}

const unreadField = (ref: ResourceRef) => (path: string, value: unknown): Error =>
  new LabFileError(`${ref.file}: ${ref.kind}${ref.name ? ` ${ref.name}` : ''}: ${path} = ${JSON.stringify(value)} is a field the harness does not read, so neither fabric would build the lab it describes; remove it or build the lab by hand`);

function binds(f: Fields, folder: string): ClabNode['binds'] {
  return f.strings('binds').map((b) => {
    const [host, container] = b.split(':');
    if (!host || !container) throw new LabFileError(`${f.ref.file}: ${f.ref.kind} ${f.ref.name}: binds entry ${JSON.stringify(b)}: expected HOST:CONTAINER[:ro]`);
    return { host: isAbsolute(host) ? host : resolve(folder, host), container };
  });
}

/** Image and binds shared by nodes, from topology.defaults or topology.kinds.<kind>. */
function shared(f: Fields | undefined, folder: string): { image?: string; binds: ClabNode['binds'] } {
  if (!f) return { binds: [] };
  const image = f.optionalString('image');
  const found = { ...(image ? { image } : {}), binds: binds(f, folder) };
  f.done(unreadField(f.ref));
  return found;
}

function endpoint(file: string, path: string, value: unknown): ClabEnd {
  const [node, iface, extra] = typeof value === 'string' ? value.split(':') : [];
  if (!node || !iface || extra !== undefined) throw new LabFileError(`${file}: ${path} = ${JSON.stringify(value)}: expected "node:interface"`);
  return { node, interface: iface };
}

/** Reads a containerlab topology file; `shown` is its name in messages. */
export function readContainerlab(file: string, shown: string): ClabTopology {
  const docs = parseYamlFile(file);
  if (docs.length !== 1) throw new LabFileError(`${shown}: expected one containerlab topology, found ${docs.length} documents`);
  const top = Fields.of({ file: shown, kind: 'containerlab topology', name: '' }, '', docs[0]);
  const name = top.string('name');
  const topology = top.object('topology');
  top.done(unreadField(top.ref));
  const folder = dirname(file);
  const defaults = shared(topology.optionalObject('defaults'), folder);
  const kindsField = topology.optionalObject('kinds');
  const kinds = new Map(kindsField?.keys().map((k) => [k, shared(kindsField.object(k), folder)]) ?? []);
  kindsField?.done();
  const nodesField = topology.object('nodes');
  const nodes = nodesField.keys().map((nodeName): ClabNode => {
    const f = Fields.of({ file: shown, kind: 'node', name: nodeName }, `topology.nodes.${nodeName}`, nodesField.raw(nodeName) ?? {});
    const kind = f.string('kind');
    if (kind !== 'linux') throw new LabFileError(`${shown}: node ${nodeName}: kind = ${JSON.stringify(kind)}: the lab's nodes are linux containers (kind: linux)`);
    const fromKind = kinds.get(kind) ?? { binds: [] };
    const image = f.optionalString('image') ?? fromKind.image ?? defaults.image;
    const cmd = f.optionalString('cmd')?.trim().split(/\s+/) ?? [];
    const exec = f.strings('exec').map(readExecStep);
    const mode = f.optionalString('network-mode');
    if (mode !== undefined && !mode.startsWith('container:')) {
      throw new LabFileError(`${shown}: node ${nodeName}: network-mode = ${JSON.stringify(mode)}: the lab's servers share a kind node's network (container:<kind node>); other nodes have their own`);
    }
    const own = binds(f, folder);
    f.done(unreadField(f.ref));
    return {
      name: nodeName,
      ...(image ? { image } : {}),
      cmd,
      exec,
      ...(mode ? { sharesNetworkOf: mode.slice('container:'.length) } : {}),
      binds: [...defaults.binds, ...fromKind.binds, ...own],
    };
  });
  const links = topology.objects('links').map((l): readonly [ClabEnd, ClabEnd] => {
    const ends = l.list('endpoints');
    l.done(unreadField(l.ref));
    if (ends.length !== 2) throw new LabFileError(`${shown}: ${l.path}.endpoints: a link has two ends, found ${ends.length}`);
    return [endpoint(shown, ends[0]!.path, ends[0]!.value), endpoint(shown, ends[1]!.path, ends[1]!.value)];
  });
  topology.done(unreadField(topology.ref));
  return { file, name, nodes, links };
}

/** The host file a path inside the node's container is, through its binds; undefined if no bind holds it. */
export function hostPathOf(node: ClabNode, containerPath: string): string | undefined {
  const bind = node.binds.find((b) => containerPath === b.container || containerPath.startsWith(`${b.container}/`));
  return bind && resolve(bind.host, containerPath.slice(bind.container.length).replace(/^\//, ''));
}
