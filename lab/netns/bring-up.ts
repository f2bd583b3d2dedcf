// Brings the netns fabric up from the physical topology and the manifests' plan (manifest-plan.ts): a
// namespace per node and per pod, containerlab's links as veth pairs, BIRD on every node, GoBGP as the
// Cilium speaker of each server the manifests select, Coil-like IPAM, the pods and their echo servers,
// and the load balancer for the Service's LoadBalancer IP.
//
// Where the netns fabric differs from the real lab, and why:
// - Nodes and pods are network namespaces, not kind node containers and Kubernetes pods: there is no
//   Docker engine or registry here. Interface names, addresses and ASNs are the real lab's.
// - The Cilium agent's BGP speaker is GoBGP itself, Debian 13's gobgpd 3.36 (lab/gobgp/pin.ts; Cilium
//   embeds GoBGP v3.37), configured as Cilium configures its GoBGP from the manifests' BGP resources
//   (gobgp-config.ts: ASNs, peers, timers, graceful restart; routes with their communities); it never
//   listens. The speaker's routes go to all its peers alike (Cilium can send each peer its own). Where setup could not fetch
//   it, the system's gobgpd (Debian 12's 3.10), which dials 5-9 s after it starts instead of 1-2 s.
// - Coil is replaced by lab/netns/ipam.ts and pods.ts: the same tables (116 for pods, 119 for blocks),
//   /27 blocks, a /32 per pod; but blocks are fixed at bring-up, not claimed through the API server.
// - hashicorp/http-echo is lab/workloads/http-echo.ts: same answer, same log line format.
// - Cilium's load balancer is bpf/lb_dsr.c on each server's net0 (there is no kube-proxy replacement
//   here): DSR with GENEVE dispatch and Cilium's wire format, or SNAT, as the Helm values choose; one
//   Service with one port, its backends from the manifests; no conntrack beyond the DSR flows, no maglev.
// - BIRD runs the same bird/*.conf files, in the foreground with its socket and log in the run directory.
import { nodeNames, serverNames, podKey, type NodeName, type Topology } from '../topology.js';
import type { Progress } from '../progress.js';
import { birdSocketPath, checkBirdConfig, startBird } from './bird.js';
import type { FaultName } from '../faults.js';
import { attachDatapath } from './datapath.js';
import { datapathSettings } from './faults.js';
import type { NetnsDescription } from './description.js';
import { launchSpeaker, speakerLaunch } from './gobgp.js';
import type { NetnsPlan } from './manifest-plan.js';
import { allocate } from './ipam.js';
import { createNamespace, ipBatch } from './namespaces.js';
import { createPod, exportBlocks, startEcho, waitForEcho } from './pods.js';
import { wireLinks } from './links.js';
import type { RunRecord } from '../run/run-state.js';
import type { SpeakerBinaries } from '../gobgp/speaker-binaries.js';

function nodeAddressing(t: Topology, node: NodeName): string[] {
  const spec = t.nodes[node];
  const commands = spec.interfaces.flatMap((i) => [`address add ${i.cidr} dev ${i.name}`, `link set ${i.name} up`]);
  if (spec.role === 'router') return [`address add ${spec.loopback} dev lo`, ...commands];
  return [...commands, `route add default via ${spec.defaultGateway} dev ${spec.interfaces[0]!.name}`];
}

export async function bringUpNetns(
  t: Topology,
  plan: NetnsPlan,
  run: RunRecord,
  progress: Progress,
  speaker: SpeakerBinaries,
  faults: readonly FaultName[] = [],
): Promise<NetnsDescription> {
  await Promise.all(nodeNames.map((node) => checkBirdConfig(node)));
  const namespaces = Object.fromEntries(nodeNames.map((n) => [n, run.namespaceName(n)])) as Record<NodeName, string>;
  await Promise.all(nodeNames.map((node) => createNamespace(run, namespaces[node], true)));
  await wireLinks(t, run, namespaces, faults);
  await Promise.all(nodeNames.map((node) => ipBatch(namespaces[node], nodeAddressing(t, node))));
  progress.stage(`namespaces ${Object.values(namespaces).join(', ')} wired`);

  // BIRD first, so that it usually listens before a speaker's first dial (1-2 s after the speaker starts;
  // 5-9 s with GoBGP 3.10). A dial that comes earlier is refused and the speaker retries on its own, after
  // the PeerConfig's connect-retry (5-10 s with the lab's 5 s): the convergence wait reads only what the
  // daemons say, and its bound covers that retry (resilience/speaker-retry.test.ts makes it happen).
  const speakers = serverNames.filter((server) => plan.speakers[server]);
  nodeNames.forEach((node) => startBird(run, node, namespaces[node]));
  const launches = Object.fromEntries(speakers.map((server) => [server, speakerLaunch(run, t, server, plan.speakers[server]!, namespaces[server], speaker)]));
  // Each speaker adds its paths, then enables its neighbors, while the pods and the datapath are made.
  const speakersUp = Promise.all(speakers.map((server) => launchSpeaker(run, server, launches[server]!, namespaces[server], speaker.gobgp)));
  speakersUp.catch(() => {}); // awaited below; a failure before then is not an unhandled rejection
  progress.stage(`BIRD on router0, server0, server1 and GoBGP on ${speakers.join(', ') || 'no server'} started`);

  const allocation = allocate(plan.podPool, plan.workloads);
  await Promise.all(serverNames.map((server) => exportBlocks(server, namespaces[server], allocation)));
  const pods = await Promise.all(
    plan.workloads.map(async (w) => startEcho(run, plan.workloads, await createPod(run, w, namespaces[w.node], allocation.podIps[podKey(w)]!))),
  );
  progress.stage(`pods ${pods.map((p) => `${podKey(p)}=${p.ip}`).join(', ')} created`);

  const { service } = plan;
  if (service) {
    const settings = datapathSettings(plan.datapath.mode, faults);
    await Promise.all(serverNames.map((server) => attachDatapath(t, server, namespaces[server], service, plan.workloads, allocation, settings)));
    progress.stage(`load balancer for ${service.vip}:${service.port} (${settings.mode}) attached to net0 of both servers`);
  }

  const routes = speakers.flatMap((server) => launches[server]!.routes.map((route) => ({ server, route })));
  await Promise.all([speakersUp, ...pods.map(waitForEcho)]);
  progress.stage(`${routes.map(({ server, route }) => `${server} advertises ${route.prefix}`).join(', ') || 'no route advertised'}; echo servers listening`);

  const description: NetnsDescription = {
    fabric: 'netns',
    runId: run.state.runId,
    runDir: run.dir,
    namespaces,
    birdSockets: Object.fromEntries(nodeNames.map((n) => [n, birdSocketPath(run.dir, n)])) as Record<NodeName, string>,
    pods,
    addressBlocks: allocation.blocks,
    speaker: { gobgp: speaker.gobgp, version: speaker.version, launches },
    faults,
  };
  run.setDescription(description);
  return description;
}
