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
import { nodeNames, podKey, server, serverNames, type Lab } from '../description/index.js';
import type { Progress } from '../run/progress.js';
import { birdSocketPath, checkBirdConfig, startBird } from './bird.js';
import type { FaultName } from '../controls/faults.js';
import { attachDatapath } from './datapath.js';
import { datapathSettings, netnsVariations } from './faults.js';
import type { NetnsDescription } from './description.js';
import { launchSpeaker, speakerLaunch } from './gobgp.js';
import type { NetnsPlan } from './manifest-plan.js';
import { allocate } from './ipam.js';
import { createNamespace } from './namespaces.js';
import { refuseUnrunnable, runNodeExec } from './node-exec.js';
import { createPod, exportBlocks, startEcho, waitForEcho } from './pods.js';
import { wireLinks } from './links.js';
import type { RunRecord } from '../run/run-state.js';
import type { SpeakerBinaries } from '../gobgp/speaker-binaries.js';

export async function bringUpNetns(
  t: Lab,
  plan: NetnsPlan,
  run: RunRecord,
  progress: Progress,
  speaker: SpeakerBinaries,
  faults: readonly FaultName[] = [],
): Promise<NetnsDescription> {
  const nodes = [t.router, ...t.servers];
  refuseUnrunnable(t);
  await Promise.all(nodes.map((node) => checkBirdConfig(node.name, node.bird.file)));
  const namespaces = Object.fromEntries(nodes.map((n) => [n.name, run.namespaceName(n.name)]));
  const netnsOf = (name: string): string => namespaces[name]!;
  // A server is a Kubernetes node, which forwards (kubeadm's preflight requires ip_forward=1); the
  // router forwards if its exec commands say so, as in the real lab.
  await Promise.all(nodes.map((node) => createNamespace(run, netnsOf(node.name), node.role === 'server')));
  const variations = netnsVariations(t, faults);
  await wireLinks(t, run, namespaces, variations.switchedServers);
  await Promise.all(nodes.map((node) => runNodeExec(t, node, netnsOf(node.name))));
  progress.stage(`namespaces ${Object.values(namespaces).join(', ')} wired, exec commands run`);

  // BIRD first, so that it usually listens before a speaker's first dial (1-2 s after the speaker starts;
  // 5-9 s with GoBGP 3.10). A dial that comes earlier is refused and the speaker retries on its own, after
  // the PeerConfig's connect-retry (5-10 s with the lab's 5 s): the convergence wait reads only what the
  // daemons say, and its bound covers that retry (resilience/speaker-retry.test.ts makes it happen).
  const speakers = serverNames(t).filter((server) => plan.speakers[server]);
  nodes.forEach((node) => startBird(run, node.name, node.bird.file, netnsOf(node.name)));
  const launches = Object.fromEntries(speakers.map((name) => [name, speakerLaunch(run, server(t, name), plan.speakers[name]!, netnsOf(name), speaker)]));
  // Each speaker adds its paths, then enables its neighbors, while the pods and the datapath are made.
  const speakersUp = Promise.all(speakers.map((name) => launchSpeaker(run, name, launches[name]!, netnsOf(name), speaker.gobgp)));
  speakersUp.catch(() => {}); // awaited below; a failure before then is not an unhandled rejection
  progress.stage(`BIRD on ${nodeNames(t).join(', ')} and GoBGP on ${speakers.join(', ') || 'no server'} started`);

  const allocation = allocate(plan.podPool, serverNames(t), plan.workloads);
  await Promise.all(serverNames(t).map((name) => exportBlocks(name, netnsOf(name), allocation)));
  const pods = await Promise.all(
    plan.workloads.map(async (w) => startEcho(run, plan.workloads, await createPod(run, w, netnsOf(w.node), allocation.podIps[podKey(w)]!))),
  );
  progress.stage(`pods ${pods.map((p) => `${podKey(p)}=${p.ip}`).join(', ')} created`);

  const { service } = plan;
  if (service) {
    const settings = datapathSettings(plan.datapath.mode, faults);
    await Promise.all(t.servers.map((s) => attachDatapath(run, t, s.name, netnsOf(s.name), service, plan.workloads, allocation, settings)));
    progress.stage(`load balancer for ${service.vip}:${service.port} (${settings.mode}) attached to the uplinks of ${serverNames(t).join(', ')}`);
  }

  const routes = speakers.flatMap((name) => launches[name]!.routes.map((route) => ({ name, route })));
  await Promise.all([speakersUp, ...pods.map(waitForEcho)]);
  progress.stage(`${routes.map(({ name, route }) => `${name} advertises ${route.prefix}`).join(', ') || 'no route advertised'}; echo servers listening`);

  const description: NetnsDescription = {
    fabric: 'netns',
    lab: t,
    runId: run.state.runId,
    runDir: run.dir,
    namespaces,
    birdSockets: Object.fromEntries(nodes.map((n) => [n.name, birdSocketPath(run.dir, n.name)])),
    pods,
    addressBlocks: allocation.blocks,
    speaker: { gobgp: speaker.gobgp, version: speaker.version, launches },
    faults,
    variations,
  };
  run.setDescription(description);
  return description;
}
