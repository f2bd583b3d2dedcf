// What the graceful-restart scenario reads from the restarting server's BIRD: the speaker's session (its
// state, whether BIRD keeps its routes as stale, since when the protocol is in its state, its keepalive
// interval) and whether the VIP is in BIRD's table from it; and, once the speaker is back, whether that
// session flapped (left Established, restarted graceful restart, or changed its "since").
import type { Fabric } from '../fabric-contract.js';
import { GRACEFUL_RESTART_ACTIVE, parseBirdProtocols } from '../bird/protocols.js';
import { birdRoutes } from '../probes/routing.js';
import { localSpeakerSessions, type Lab } from '../description/index.js';

/** What BIRD said of the speaker's session and the VIP at one moment. Example: {"sessionState":"Established","since":"01:09:10.851","keepaliveSeconds":30,...} */
export interface BirdMoment {
  readonly sessionState: string;
  readonly gracefulRestartActive: boolean;
  /** the VIP is in BIRD's table from the speaker's session */
  readonly vipKept: boolean;
  /** the protocol's "Since" column: it changes whenever the protocol changes state */
  readonly since: string;
  /** the interval of "Keepalive timer: LEFT/INTERVAL", when BIRD shows one (an Established session) */
  readonly keepaliveSeconds?: number;
  readonly raw: string;
}

/** The speaker is back: its session Established and BIRD's graceful restart over (its End-of-RIB received). */
export const isBack = (m: BirdMoment): boolean => m.sessionState === 'Established' && !m.gracefulRestartActive;

export async function birdMoment(fabric: Fabric, t: Lab, server: string, vipPrefix: string): Promise<BirdMoment> {
  const protocol = localSpeakerSessions(t, server)[0]?.protocol ?? '(no session for a local speaker)';
  const shown = await fabric.birdc(server, ['show', 'protocols', 'all', protocol]);
  const session = parseBirdProtocols(shown).find((p) => p.name === protocol);
  const routes = await birdRoutes(fabric, server, vipPrefix);
  const keepalive = /\/(\d+)\s*$/.exec(session?.details['Keepalive timer'] ?? '')?.[1];
  return {
    sessionState: session?.details['BGP state'] ?? session?.info ?? 'absent',
    gracefulRestartActive: session?.flags.includes(GRACEFUL_RESTART_ACTIVE) ?? false,
    vipKept: routes.value.some((r) => r.protocol === protocol),
    since: session?.since ?? '',
    ...(keepalive ? { keepaliveSeconds: Number(keepalive) } : {}),
    raw: `${server}: birdc show protocols all ${protocol}\n${shown}\n${routes.raw}`,
  };
}

/**
 * What in `now` says the session flapped since `back` (the moment BIRD had the End-of-RIB), in words;
 * undefined when it is the same session, still Established, with the VIP.
 */
export function flapSince(back: BirdMoment, now: BirdMoment): string | undefined {
  const wrong = [
    ...(now.sessionState !== 'Established' ? [`session ${now.sessionState}`] : []),
    ...(now.gracefulRestartActive ? ['"Neighbor graceful restart active" again'] : []),
    ...(now.since !== back.since ? [`protocol state changed at ${now.since} (Established since ${back.since})`] : []),
    ...(!now.vipKept ? ['the VIP no longer from the speaker'] : []),
  ];
  return wrong.length > 0 ? wrong.join(', ') : undefined;
}
