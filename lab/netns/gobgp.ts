// GoBGP stands in for the Cilium agent's BGP speaker (Cilium embeds GoBGP): configured from the speaker's
// intent in the manifests (gobgp-config.ts), it dials the node's BIRD and advertises the routes the
// manifests' CiliumBGPAdvertisements select, with their communities.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { host } from '../exec/command.js';
import { pollUntil } from '../util/poll.js';
import type { RouteIntent, SpeakerIntent } from '../manifests/speakers.js';
import type { ServerNode } from '../description/index.js';
import { gobgpConfig } from './gobgp-config.js';
import { inNamespace } from './namespaces.js';
import { spawnDaemon } from '../run/processes.js';
import type { RunRecord } from '../run/run-state.js';
import type { SpeakerBinaries } from '../gobgp/speaker-binaries.js';
import type { SpeakerLaunch } from './description.js';

/** GoBGP's gRPC API, on the loopback of each server's own namespace. */
export const SPEAKER_API_PORT = 50051;

/**
 * The `gobgp` CLI (`gobgp`: its path, from the speaker's binaries) pointed at the speaker's API, run
 * inside the server's namespace.
 */
export function gobgpCli(netns: string, gobgp: string): string[] {
  return [...inNamespace(netns), gobgp, '-u', '127.0.0.1', '-p', String(SPEAKER_API_PORT)];
}

/**
 * gobgpd's command line; every flag but `extraFlags` is one that speaker-binaries.ts requires. With
 * graceful restart, `--graceful-restart` starts every neighbor in the restarting state, as Cilium's agent
 * does on each start (pkg/bgpv1/gobgp/server.go: GracefulRestart.LocalRestarting = true): the OPEN has
 * the Restart State and Forwarding State bits, so that after a restart BIRD keeps the routes it holds as
 * stale until this speaker's End-of-RIB instead of flushing them when the session comes back.
 */
export function gobgpdArgv(configFile: string, speaker: SpeakerBinaries, gracefulRestart = false): string[] {
  return [
    speaker.gobgpd, '--config-file', configFile, '--config-type', 'toml',
    '--api-hosts', `127.0.0.1:${SPEAKER_API_PORT}`,
    // no pprof listener, nor (3.36: --metrics-path=) the metrics one that shares its port
    '--pprof-disable', ...speaker.extraFlags, '--log-plain', '--log-level', 'info',
    ...(gracefulRestart ? ['--graceful-restart'] : []),
  ];
}

export function speakerLaunch(run: RunRecord, node: ServerNode, intent: SpeakerIntent, netns: string, speaker: SpeakerBinaries): SpeakerLaunch {
  const server = node.name;
  const configFile = join(run.dir, `gobgpd-${server}.toml`);
  writeFileSync(configFile, gobgpConfig(node.nodeIp, intent));
  const gracefulRestart = intent.peers.some((p) => p.gracefulRestart.enabled);
  return {
    argv: [...inNamespace(netns), ...gobgpdArgv(configFile, speaker, gracefulRestart)],
    logFile: join(run.dir, `gobgpd-${server}.log`),
    routes: intent.peers[0]?.routes ?? [],
    peers: intent.peers.map((p) => p.address),
  };
}

/**
 * Starts a server's speaker, adds its paths, then enables its neighbors (admin-down in its config).
 * Cilium's agent adds a peer and its paths in one reconcile pass, milliseconds apart (its reconcilers
 * run in priority order, the neighbor's before the paths': pkg/bgpv1/manager/reconcilerv2/reconcilers.go),
 * while GoBGP's first dial comes 1-2 s later; here each path is a `gobgp` command, which on a loaded machine can take
 * longer than that. The order matters after a restart: GoBGP, restarting, sends its paths and its
 * End-of-RIB as soon as BIRD's End-of-RIB arrives (pkg/server/server.go, handleFSMMessage, RFC 4724 4.1),
 * and BIRD flushes the stale paths that End-of-RIB does not repeat: the VIP would leave router0's FIB.
 */
export async function launchSpeaker(run: RunRecord, server: string, launch: SpeakerLaunch, netns: string, gobgp: string): Promise<void> {
  run.addProcess(spawnDaemon(speakerProcessName(server), launch.argv, launch.logFile));
  await Promise.all(launch.routes.map((route) => advertiseRoute(netns, gobgp, route)));
  await Promise.all(launch.peers.map((peer) => speakerCommand(netns, gobgp, ['neighbor', peer, 'enable'], `GoBGP in ${netns} enables its neighbor ${peer}`)));
}

/** The speaker's name in the run record: "gobgpd server1". */
export const speakerProcessName = (server: string): string => `gobgpd ${server}`;

/**
 * Advertises `route` as Cilium does for a LoadBalancer Service: origin IGP, the advertisement's
 * communities and local preference, next hop the session's local address. Waits for the speaker's API.
 */
function advertiseRoute(netns: string, gobgp: string, route: RouteIntent): Promise<void> {
  const args = [
    'global', 'rib', 'add', '-a', 'ipv4', route.prefix, 'origin', 'igp',
    ...(route.communities.length > 0 ? ['community', route.communities.join(',')] : []),
    ...(route.localPreference !== undefined ? ['local-pref', String(route.localPreference)] : []),
  ];
  return speakerCommand(netns, gobgp, args, `GoBGP in ${netns} accepts the route ${route.prefix}`);
}

/** Runs a `gobgp` command against the speaker's API until it succeeds (the API comes up after the daemon starts). */
async function speakerCommand(netns: string, gobgp: string, args: readonly string[], what: string): Promise<void> {
  const argv = [...gobgpCli(netns, gobgp), ...args];
  await pollUntil({
    what,
    timeoutMs: 10_000,
    intervalMs: 50,
    check: async () => {
      const result = await host.run(argv, { allowFailure: true, timeoutMs: 5_000 });
      return { done: result.exitCode === 0, seen: result.stderr.trim() || `exit ${result.exitCode}` };
    },
  });
}
