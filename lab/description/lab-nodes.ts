// The lab's nodes from the containerlab topology, the kind cluster and the BIRD configs: a node that
// shares a kind node's network (network-mode container:<kind node>) is a server, any other the router;
// a node's addresses are what its exec commands add, its AS and router id what its BIRD config says.
// Every inconsistency between the files is refused here, before anything is made, in one line naming
// the file, the node or link, and the field.
import { spawnSync } from 'node:child_process';
import { displayPath } from '../manifests/load.js';
import type { KindCluster } from '../manifests/kind-nodes.js';
import { birdConfigOf, runsBird } from './bird-argv.js';
import { readBirdConfig } from './bird-config.js';
import { hostPathOf, LabFileError, type ClabNode, type ClabTopology } from './containerlab.js';
import type { LabNodeBase, LinkEnd, RouterNode, ServerNode } from './lab.js';


function base(topo: ClabTopology, node: ClabNode): LabNodeBase {
  const shown = displayPath(topo.file);
  const at = `${shown}: node ${node.name}`;
  if (!runsBird(node.cmd)) throw new LabFileError(`${at}: cmd = ${JSON.stringify(node.cmd.join(' '))}: every node of the lab runs BIRD (cmd: bird -c FILE)`);
  const inContainer = birdConfigOf(node.cmd);
  const file = hostPathOf(node, inContainer);
  if (!file) throw new LabFileError(`${at}: cmd runs BIRD on ${inContainer}, which none of the node's binds brings from this machine`);
  birdParses(file, node.name);
  const bird = readBirdConfig(file, displayPath);
  const asns = [...new Set(bird.sessions.map((s) => s.localAs))];
  if (asns.length !== 1) throw new LabFileError(`${displayPath(file)} (node ${node.name}): expected BGP sessions of one local AS, found ${asns.length ? asns.join(', ') : 'no BGP session'}`);
  if (!bird.routerId) throw new LabFileError(`${displayPath(file)} (node ${node.name}): no router id: BIRD would take one from an interface, and the lab's must be fixed`);
  const addresses = node.exec.flatMap((s) => (s.kind === 'address' ? [s] : []));
  return {
    name: node.name,
    container: `clab-${topo.name}-${node.name}`,
    asn: asns[0]!,
    routerId: bird.routerId,
    interfaces: addresses.filter((a) => a.dev !== 'lo').map((a) => ({ name: a.dev, cidr: a.cidr })),
    loopbacks: addresses.filter((a) => a.dev === 'lo').map((a) => a.cidr),
    exec: node.exec,
    bird: { file, shown: displayPath(file), sessions: bird.sessions, kernelTables: bird.kernelTables, defines: bird.defines },
  };
}

const addressOf = (cidr: string): string => cidr.split('/')[0]!;

/**
 * BIRD's own parse of the config (`bird -p`, BIRD 2.0 User's Guide "Running BIRD": parse the config and
 * exit), where this machine has BIRD: its message, with file, line and column, before this reader's.
 * Without BIRD here (a kind fabric's host) the BIRD image parses it when containerlab starts the node.
 */
function birdParses(file: string, node: string): void {
  const parsed = spawnSync('bird', ['-p', '-c', file], { encoding: 'utf8', timeout: 10_000 });
  if (parsed.error || parsed.status === 0) return;
  throw new LabFileError(`${displayPath(file)} (node ${node}): BIRD refuses it: ${(parsed.stderr || parsed.stdout).trim()}`);
}

/** The router and the servers, checked against each other. */
export function labNodes(topo: ClabTopology, cluster: KindCluster, client: string, claimsFile: string): { router: RouterNode; servers: ServerNode[] } {
  const shown = displayPath(topo.file);
  const names = new Set(topo.nodes.map((n) => n.name));
  const ends = new Set<string>();
  topo.links.forEach((link, i) =>
    link.forEach((end: LinkEnd) => {
      if (!names.has(end.node)) throw new LabFileError(`${shown}: topology.links[${i}]: endpoint ${end.node}:${end.interface} names node ${end.node}, which topology.nodes does not define`);
      if (ends.has(`${end.node}:${end.interface}`)) throw new LabFileError(`${shown}: topology.links[${i}]: ${end.node}:${end.interface} is already the end of another link`);
      ends.add(`${end.node}:${end.interface}`);
    }),
  );
  const kindNames = cluster.nodes.map((n) => n.name);
  for (const n of topo.nodes) {
    if (n.sharesNetworkOf && !kindNames.includes(n.sharesNetworkOf)) {
      throw new LabFileError(`${shown}: node ${n.name}: network-mode = container:${n.sharesNetworkOf}, which is none of the kind cluster's nodes (${kindNames.join(', ')}; ${displayPath(cluster.file)})`);
    }
  }
  for (const k of kindNames) {
    const sharing = topo.nodes.filter((n) => n.sharesNetworkOf === k);
    if (sharing.length !== 1) {
      throw new LabFileError(`${displayPath(cluster.file)}: kind node ${k} is shared by ${sharing.length ? sharing.map((n) => n.name).join(' and ') : 'no containerlab node'} (${shown}: network-mode container:${k}): each kind node is one server of the lab`);
    }
  }
  const routers = topo.nodes.filter((n) => !n.sharesNetworkOf);
  if (routers.length !== 1) {
    throw new LabFileError(`${shown}: the harness judges labs with one external router, the client of every request; this one has ${routers.length ? routers.map((n) => n.name).join(', ') : 'none'} (nodes without network-mode container:<kind node>)`);
  }
  if (routers[0]!.name !== client) throw new LabFileError(`${claimsFile}: client = ${JSON.stringify(client)}, but the lab's external router is ${routers[0]!.name} (${shown})`);
  const router: RouterNode = { ...base(topo, routers[0]!), role: 'router' };
  const servers = topo.nodes.filter((n) => n.sharesNetworkOf).map((n) => server(topo, n, router, cluster.nodes.find((k) => k.name === n.sharesNetworkOf)!.role));
  const owners = new Map<string, string>();
  for (const node of [router, ...servers]) {
    for (const cidr of [...node.loopbacks, ...node.interfaces.map((i) => i.cidr)]) {
      const other = owners.get(addressOf(cidr));
      if (other) throw new LabFileError(`${shown}: nodes ${other} and ${node.name} both have address ${addressOf(cidr)} (exec ip addr add)`);
      owners.set(addressOf(cidr), node.name);
    }
  }
  return { router, servers };
}

function server(topo: ClabTopology, n: ClabNode, router: RouterNode, kindRole: ServerNode['kindRole']): ServerNode {
  const shown = displayPath(topo.file);
  const node = base(topo, n);
  const uplinks = topo.links.filter((l) => l.some((e) => e.node === n.name) && l.some((e) => e.node === router.name));
  if (uplinks.length !== 1) throw new LabFileError(`${shown}: node ${n.name}: a server has one link to the router ${router.name}; found ${uplinks.length}`);
  const own = uplinks[0]!.find((e) => e.node === n.name)!.interface;
  const routerEnd = uplinks[0]!.find((e) => e.node === router.name)!.interface;
  const address = node.interfaces.find((i) => i.name === own);
  if (!address) throw new LabFileError(`${shown}: node ${n.name}: exec gives its uplink ${own} no address (ip addr add ADDRESS/LENGTH dev ${own})`);
  const gateway = router.interfaces.find((i) => i.name === routerEnd);
  if (!gateway) throw new LabFileError(`${shown}: node ${router.name}: exec gives ${routerEnd}, its link to ${n.name}, no address`);
  const route = n.exec.find((s) => s.kind === 'default-route');
  if (route?.kind === 'default-route' && route.via !== addressOf(gateway.cidr)) {
    throw new LabFileError(`${shown}: node ${n.name}: exec ${route.argv.join(' ')}: its default route must be the router's address on its uplink, ${addressOf(gateway.cidr)}`);
  }
  const routerAddresses = [...router.loopbacks, ...router.interfaces.map((i) => i.cidr)].map(addressOf);
  if (!node.bird.sessions.some((s) => routerAddresses.includes(s.neighborAddress))) {
    throw new LabFileError(`${node.bird.shown} (node ${n.name}): no BGP session to the router ${router.name} (${routerAddresses.join(', ')}): nothing the server has would reach the lab`);
  }
  return { ...node, role: 'server', kindNode: n.sharesNetworkOf!, kindRole, uplink: own, nodeIp: addressOf(address.cidr), defaultGateway: addressOf(gateway.cidr) };
}
