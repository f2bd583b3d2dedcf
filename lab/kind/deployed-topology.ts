// The containerlab topology of an attached lab, as the lab reader takes it (lab/description/
// containerlab.ts): this repository's topology (its name, images, exec commands, links, network modes)
// with each node's `cmd` the argv its container runs and its `binds` exactly the BIRD files read out of
// that container, copied onto this machine. The binds topology.defaults and topology.kinds give every
// node are removed: they would bring this repository's BIRD configs, and containerlab adds them to a
// node's own (containerlab docs, "Nodes", binds; read so by lab/description/containerlab.ts).
import { isMap, isScalar, parseDocument } from 'yaml';
import { UserFacingError } from '../util/errors.js';

/** What one node runs, as read. Example: {"node":"router0","argv":["/usr/sbin/bird","-c","/etc/bird.conf","-d"],"binds":[{"host":"/…/deployed/containers/clab-bgpv2-bird-coil-router0/etc/bird.conf","container":"/etc/bird.conf"}]} */
export interface NodeRuns {
  readonly node: string;
  readonly argv: readonly string[];
  readonly binds: readonly { readonly host: string; readonly container: string }[];
}

/** `text`, the repository's topology (`shown` in messages), rewritten so that each node runs what `nodes` says. */
export function deployedTopology(text: string, shown: string, nodes: readonly NodeRuns[]): string {
  const doc = parseDocument(text);
  for (const { node, argv, binds } of nodes) {
    if (!doc.hasIn(['topology', 'nodes', node])) throw new UserFacingError(`LAB_REUSE=1: ${shown} has no node ${node}, whose container was read`);
    // containerlab's cmd is one string the reader splits at spaces: an argument with a space would not survive it.
    const spaced = argv.find((a) => a === '' || /\s/.test(a));
    if (spaced !== undefined) {
      throw new UserFacingError(`LAB_REUSE=1: node ${node} runs ${JSON.stringify(argv)}, whose argument ${JSON.stringify(spaced)} the topology's cmd cannot carry (cmd is split at spaces); start BIRD with arguments without spaces`);
    }
    doc.setIn(['topology', 'nodes', node, 'cmd'], argv.join(' '));
    doc.setIn(['topology', 'nodes', node, 'binds'], doc.createNode(binds.map((b) => `${b.host}:${b.container}:ro`)));
  }
  if (doc.hasIn(['topology', 'defaults', 'binds'])) doc.deleteIn(['topology', 'defaults', 'binds']);
  const kinds = doc.getIn(['topology', 'kinds']);
  for (const kind of isMap(kinds) ? kinds.items.map((i) => (isScalar(i.key) ? String(i.key.value) : String(i.key))) : []) {
    if (doc.hasIn(['topology', 'kinds', kind, 'binds'])) doc.deleteIn(['topology', 'kinds', kind, 'binds']);
  }
  doc.commentBefore = ` Written by attach (LAB_REUSE=1) from ${shown}: each node's cmd and binds are what its container\n runs; the rest (images, exec, links, network-mode) is this repository's.`;
  return doc.toString();
}
