// The graceful-restart spec's scenario, run once and shared by its checks: under a steady load from
// router0, a server's Cilium speaker dies without a NOTIFICATION and comes back within the graceful
// restart time, while router0's FIB for the VIP is watched change by change and the server's BIRD is
// read for the routes it keeps as stale (disruption-run.ts makes the load, the watch and the restore).
import { setTimeout as sleep } from 'node:timers/promises';
import type { Fabric } from '../fabric-contract.js';
import { GRACEFUL_RESTART_ACTIVE, parseBirdProtocols } from '../bird/protocols.js';
import type { RouteChange } from '../iproute/route-monitor.js';
import type { KernelRoute } from '../iproute/routes.js';
import { pollUntilOrTimeout } from '../poll.js';
import { birdRoutes, kernelRoutes, type Observed } from '../probes/routing.js';
import { localSpeakerSessions, type Lab } from '../description/index.js';
import { disruptUnderLoad } from './disruption-run.js';
import { throughEach, type LoadRequest } from './steady-load.js';

/** What BIRD said of the speaker's session and the VIP at one moment. */
export interface BirdMoment {
  readonly sessionState: string;
  readonly gracefulRestartActive: boolean;
  /** the VIP is in BIRD's table from the speaker's session */
  readonly vipKept: boolean;
  readonly raw: string;
}

export interface RestartObservation {
  readonly server: string;
  readonly vipPrefix: string;
  readonly before: Observed<KernelRoute[]>;
  readonly changes: Observed<RouteChange[]>;
  readonly after: Observed<KernelRoute[]>;
  /** BIRD once the speaker was gone (or the last look, if it never said it kept the routes) */
  readonly whileDown: BirdMoment;
  /** BIRD once the speaker was back (or the last look, within the restart time) */
  readonly afterReturn: BirdMoment;
  /** from the kill to BIRD's restart being over (the speaker back and its End-of-RIB received) */
  readonly restartMs: number;
  /** when the speaker was killed and when it was started again, on the harness's clock (Date.now()) */
  readonly killedAtMs: number;
  readonly startedAtMs: number;
  readonly requests: readonly LoadRequest[];
}

/** How long the speaker stays down: as long as an agent takes to start again, well within the restart time. */
export const DOWN_MS = 2_000;

async function birdMoment(fabric: Fabric, t: Lab, server: string, vipPrefix: string): Promise<BirdMoment> {
  const protocol = localSpeakerSessions(t, server)[0]?.protocol ?? '(no session for a local speaker)';
  const shown = await fabric.birdc(server, ['show', 'protocols', 'all', protocol]);
  const session = parseBirdProtocols(shown).find((p) => p.name === protocol);
  const routes = await birdRoutes(fabric, server, vipPrefix);
  return {
    sessionState: session?.details['BGP state'] ?? session?.info ?? 'absent',
    gracefulRestartActive: session?.flags.includes(GRACEFUL_RESTART_ACTIVE) ?? false,
    vipKept: routes.value.some((r) => r.protocol === protocol),
    raw: `${server}: birdc show protocols all ${protocol}\n${shown}\n${routes.raw}`,
  };
}

/** Runs the scenario on `server` once; the checks share its observation. */
export function restartScenario(fabric: Fabric, t: Lab, server: string): () => Promise<RestartObservation> {
  let observed: Promise<RestartObservation> | undefined;
  const vipPrefix = `${t.service.vip}/32`;
  const restartMs = t.claims.restartTimeSeconds * 1000;
  const what = `${server}'s Cilium speaker restarts`;
  const run = async (): Promise<RestartObservation> => {
    let started = false;
    const undo = async (): Promise<void> => (started ? undefined : fabric.disruptions.startSpeaker(server));
    const { value, requests, changes } = await disruptUnderLoad(fabric, t, what, undo, async ({ load, disrupt }) => {
      const before = await kernelRoutes(fabric, t.router.name, vipPrefix);
      const killedAtMs = Date.now();
      await disrupt(() => fabric.disruptions.killSpeaker(server));
      let whileDown = await birdMoment(fabric, t, server, vipPrefix);
      await pollUntilOrTimeout({
        what: `${server}'s BIRD keeps the speaker's routes as stale`,
        timeoutMs: DOWN_MS,
        intervalMs: 100,
        check: async () => {
          whileDown = await birdMoment(fabric, t, server, vipPrefix);
          return { done: whileDown.gracefulRestartActive && whileDown.vipKept, seen: whileDown.sessionState };
        },
      });
      // The speaker stays down for DOWN_MS, the scenario's own parameter (about as long as an agent takes to
      // come back): a duration, not a condition. Whether the load went through the server meanwhile is for
      // the checks to judge (without graceful restart router0 sends it nothing).
      await sleep(Math.max(0, killedAtMs + DOWN_MS - Date.now()));
      await fabric.disruptions.startSpeaker(server);
      const startedAtMs = Date.now();
      started = true;
      let afterReturn = whileDown;
      await pollUntilOrTimeout({
        what: `${server}'s speaker is back and BIRD's graceful restart is over`,
        timeoutMs: Math.max(0, killedAtMs + restartMs - Date.now()),
        intervalMs: 100,
        check: async () => {
          afterReturn = await birdMoment(fabric, t, server, vipPrefix);
          return { done: afterReturn.sessionState === 'Established' && !afterReturn.gracefulRestartActive, seen: afterReturn.sessionState };
        },
      });
      const backAtMs = Date.now();
      await load.until(`2 requests through ${server} once it is back`, throughEach([server], 2, backAtMs));
      return { before, whileDown, afterReturn, killedAtMs, startedAtMs, restartMs: backAtMs - killedAtMs };
    });
    const after = await kernelRoutes(fabric, t.router.name, vipPrefix);
    return { server, vipPrefix, changes, after, requests, ...value };
  };
  return () => (observed ??= run());
}
