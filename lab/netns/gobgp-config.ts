// The GoBGP configuration a Cilium speaker's intent (lab/manifests/speakers.ts) becomes: what Cilium's
// agent sets on the GoBGP it embeds for a CiliumBGPNodeConfig instance (pkg/bgpv1/gobgp: the instance's
// local ASN and router id, one neighbor per peer with its port, timers and graceful restart, ipv4-unicast).
// Like Cilium's speaker it never listens (port -1): it dials, which is what lets it share the node with
// BIRD on port 179. Its neighbors start admin-down: gobgp.ts enables them once the speaker holds its
// paths (see launchSpeaker there).
import type { PeerIntent, SpeakerIntent } from '../manifests/speakers.js';

function neighbor(peer: PeerIntent): string[] {
  return [
    '[[neighbors]]',
    '  [neighbors.config]',
    `    neighbor-address = "${peer.address}"`,
    `    peer-as = ${peer.asn}`,
    '    admin-down = true',
    ...(peer.port === 179 ? [] : ['  [neighbors.transport.config]', `    remote-port = ${peer.port}`]),
    '  [neighbors.timers.config]',
    `    connect-retry = ${peer.connectRetrySeconds}`,
    `    hold-time = ${peer.holdTimeSeconds}`,
    `    keepalive-interval = ${peer.keepAliveSeconds}`,
    '  [neighbors.graceful-restart.config]',
    `    enabled = ${peer.gracefulRestart.enabled}`,
    `    restart-time = ${peer.gracefulRestart.restartTimeSeconds}`,
    // Cilium sets it with graceful restart (pkg/bgpv1/gobgp/server.go: NotificationEnabled, RFC 8538);
    // BIRD 2.0.12 does not take part in it, so a NOTIFICATION still ends BIRD's graceful restart.
    `    notification-enabled = ${peer.gracefulRestart.enabled}`,
    '  [[neighbors.afi-safis]]',
    '    [neighbors.afi-safis.config]',
    '      afi-safi-name = "ipv4-unicast"',
    '    [neighbors.afi-safis.mp-graceful-restart.config]',
    `      enabled = ${peer.gracefulRestart.enabled}`,
    '',
  ];
}

/** gobgpd's TOML for `speaker`, with `routerId` (the node's IP, as Cilium takes it). */
export function gobgpConfig(routerId: string, speaker: SpeakerIntent): string {
  return [
    '[global.config]',
    `  as = ${speaker.localAsn}`,
    `  router-id = "${routerId}"`,
    '  port = -1',
    '',
    ...speaker.peers.flatMap(neighbor),
  ].join('\n');
}
