// What the graceful-restart scenario reads from the restarting server's BIRD: the speaker's session (its
// state, whether BIRD keeps its routes as stale, since when the protocol is in its state, its keepalive
// interval) and whether the VIP is in BIRD's table from it; and, once the speaker is back, whether that
// session flapped (left Established, went into graceful restart again, or lost the VIP).
import type { Fabric } from '../fabric/fabric-contract.js';
import { GRACEFUL_RESTART_ACTIVE, parseBirdProtocols } from '../bird/protocols.js';
import { birdRoutes } from '../probes/routing.js';
import { localSpeakerSessions, type Lab } from '../description/index.js';

/** What BIRD said of the speaker's session and the VIP at one moment. Example: {"sessionState":"Established","since":"01:09:10.851","keepaliveSeconds":30,...} */
export interface BirdMoment {
  readonly sessionState: string;
  readonly gracefulRestartActive: boolean;
  /** the VIP is in BIRD's table from the speaker's session */
  readonly vipKept: boolean;
  /** the protocol's "Since" column, for the messages */
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
 * What in `now` says the session flapped since BIRD had the End-of-RIB, in words; undefined when it is
 * still Established, out of graceful restart, with the VIP. The state is enough: BIRD is read every 250 ms
 * and a speaker redials no sooner than 1 s after losing its session (GoBGP 3.36: 1-2 s; after a reset,
 * its idle hold, 5 s), so a flap cannot fall between two looks. "Since" is no sign: BIRD moves it again
 * within a millisecond of a fresh session coming up (seen: Established since 02:41:56.276, then 56.277).
 */
export function flapSince(now: BirdMoment): string | undefined {
  const wrong = [
    ...(now.sessionState !== 'Established' ? [`session ${now.sessionState} (since ${now.since})`] : []),
    ...(now.gracefulRestartActive ? ['"Neighbor graceful restart active" again'] : []),
    ...(!now.vipKept ? ['the VIP no longer from the speaker'] : []),
  ];
  return wrong.length > 0 ? wrong.join(', ') : undefined;
}
