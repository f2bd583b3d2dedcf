// GoBGP stands in for the Cilium agent's BGP speaker (Cilium embeds GoBGP): AS 65002, the dialling side
// of the session to the node's BIRD over loopback, advertising the LoadBalancer VIP with its community
// as a CiliumBGPAdvertisement of LoadBalancerIP does.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { host } from '../exec/command.js';
import { pollUntil } from '../poll.js';
import { communityText, nodeIp, type ServerName, type Topology } from '../topology.js';
import { inNamespace } from './namespaces.js';
import { spawnDaemon } from '../run/processes.js';
import type { RunRecord } from '../run/run-state.js';
import type { SpeakerBinaries } from '../gobgp/speaker-binaries.js';

/** GoBGP's gRPC API, on the loopback of each server's own namespace. */
export const SPEAKER_API_PORT = 50051;

/**
 * The `gobgp` CLI (`gobgp`: its path, from the speaker's binaries) pointed at the speaker's API, run
 * inside the server's namespace.
 */
export function gobgpCli(netns: string, gobgp: string): string[] {
  return [...inNamespace(netns), gobgp, '-u', '127.0.0.1', '-p', String(SPEAKER_API_PORT)];
}

export function gobgpConfig(t: Topology, server: ServerName): string {
  const { speaker, asn } = t.nodes[server];
  return [
    '[global.config]',
    `  as = ${speaker.asn}`,
    `  router-id = "${nodeIp(t, server)}"`,
    // Never listen: Cilium's speaker only dials, which is what lets it share the node with BIRD on 179.
    '  port = -1',
    '',
    '[[neighbors]]',
    '  [neighbors.config]',
    `    neighbor-address = "${speaker.peerAddress}"`,
    `    peer-as = ${asn}`,
    '  [neighbors.timers.config]',
    '    connect-retry = 1',
    // As the lab's CiliumBGPPeerConfig: graceful restart with a 15 s restart time.
    '  [neighbors.graceful-restart.config]',
    '    enabled = true',
    `    restart-time = ${speaker.gracefulRestartSeconds}`,
    '  [[neighbors.afi-safis]]',
    '    [neighbors.afi-safis.config]',
    '      afi-safi-name = "ipv4-unicast"',
    '    [neighbors.afi-safis.mp-graceful-restart.config]',
    '      enabled = true',
    '',
  ].join('\n');
}

/** gobgpd's command line; every flag but `extraFlags` is one that speaker-binaries.ts requires. */
export function gobgpdArgv(configFile: string, speaker: SpeakerBinaries): string[] {
  return [
    speaker.gobgpd, '--config-file', configFile, '--config-type', 'toml',
    '--api-hosts', `127.0.0.1:${SPEAKER_API_PORT}`,
    // no pprof listener, nor (3.36: --metrics-path=) the metrics one that shares its port
    '--pprof-disable', ...speaker.extraFlags, '--log-plain', '--log-level', 'info',
  ];
}

export function startSpeaker(run: RunRecord, t: Topology, server: ServerName, netns: string, speaker: SpeakerBinaries): void {
  const configFile = join(run.dir, `gobgpd-${server}.toml`);
  writeFileSync(configFile, gobgpConfig(t, server));
  const argv = [...inNamespace(netns), ...gobgpdArgv(configFile, speaker)];
  run.addProcess(spawnDaemon(`gobgpd ${server}`, argv, join(run.dir, `gobgpd-${server}.log`)));
}

/**
 * Advertises the VIP as Cilium does for a LoadBalancer Service: origin IGP, the advertisement's
 * community, next hop the session's local address. Waits for the speaker's API to come up.
 */
export async function advertiseVip(t: Topology, netns: string, gobgp: string): Promise<void> {
  const argv = [
    ...gobgpCli(netns, gobgp),
    'global', 'rib', 'add', '-a', 'ipv4', `${t.service.vip}/32`,
    'origin', 'igp', 'community', communityText(t.service.community),
  ];
  await pollUntil({
    what: `GoBGP in ${netns} accepts the VIP route`,
    timeoutMs: 10_000,
    intervalMs: 50,
    check: async () => {
      const result = await host.run(argv, { allowFailure: true, timeoutMs: 5_000 });
      return { done: result.exitCode === 0, seen: result.stderr.trim() || `exit ${result.exitCode}` };
    },
  });
}
