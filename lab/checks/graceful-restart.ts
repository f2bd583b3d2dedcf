// What graceful restart promises when a server's Cilium speaker restarts (the graceful-restart spec), one
// claim per check, judged on the one shared restart (restart-scenario.ts): router0's FIB never loses the
// server's next hop; the server's BIRD keeps the speaker's routes as stale until its End-of-RIB; no
// request of a steady load fails.
import { gatewaysShape as shapeOf, kernelRouteShapes } from '../probes/routing.js';
import { listText, nodeIp, serverNames, type Lab } from '../description/index.js';
import { fail, pass, type Check, type Symptom } from './check.js';
import { DOWN_MS, type RestartObservation } from './restart-scenario.js';
import { describeLoad } from './steady-load.js';

type Scenario = () => Promise<RestartObservation>;

/** One thing wrong, with its symptom. */
interface Problem {
  readonly text: string;
  readonly symptom: Symptom;
}

/** The failure: `problems` told (after `lead`, the story, when given), then `evidence`. */
function failWith(problems: readonly Problem[], body: (texts: readonly string[]) => string): ReturnType<typeof fail> {
  const [first, ...rest] = [...new Set(problems.map((p) => p.symptom))];
  return fail(body(problems.map((p) => p.text)), first!, ...rest);
}

const both = (t: Lab): string => shapeOf(t.service.advertisedBy.map((s) => nodeIp(t, s)));
const restartText = (t: Lab, server: string): string =>
  `${server}'s Cilium speaker dies without a NOTIFICATION and is started again (netns: a new GoBGP after ${DOWN_MS / 1000} s; kind: the DaemonSet's new agent), ` +
  `back with its End-of-RIB within the lab's graceful restart time, ${t.claims.restartTimeSeconds} s`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const figures = (t: Lab, o: RestartObservation): string =>
  `speaker away ${seconds(o.startedAtMs - o.killedAtMs)}, back with its End-of-RIB ${seconds(o.restartMs)} after the kill, of the lab's ${t.claims.restartTimeSeconds} s; ${describeLoad(o.requests, serverNames(t))}`;

/**
 * The story to lead with when the speaker came back later than the lab's graceful restart time: then
 * BIRD removes the stale routes, as the restart time tells the peer to (Cilium's CiliumBGPPeerConfig
 * gracefulRestart.restartTimeSeconds: "After this period, peer will remove stale routes", RFC 4724 4.2),
 * and every other symptom follows from it. A real finding about the lab on kind, where a whole agent pod
 * must be back in time.
 */
function lateReturn(t: Lab, o: RestartObservation): Problem[] {
  const budgetMs = t.claims.restartTimeSeconds * 1000;
  const awayMs = o.startedAtMs - o.killedAtMs;
  const backInTime = o.restartMs < budgetMs && o.afterReturn.sessionState === 'Established' && !o.afterReturn.gracefulRestartActive;
  if (awayMs <= budgetMs && backInTime) return [];
  return [
    {
      text: `the Cilium speaker of ${o.server} was away for ${seconds(awayMs)} (back with its End-of-RIB ${seconds(o.restartMs)} after the kill), more than the lab's graceful restart time of ${t.claims.restartTimeSeconds} s: BIRD flushed its routes when that time ran out`,
      symptom: 'speaker-back-after-restart-time',
    },
  ];
}

/** router0's FIB routes the VIP via both servers before, after, and at every change in between (ip monitor sees each). */
export function fibKeepsBothPathsThroughRestart(t: Lab, server: string, scenario: Scenario): Check {
  const vip = `${t.service.vip}/32`;
  return {
    title: `${t.router.name}'s kernel FIB keeps ${vip} via ${listText(t.service.advertisedBy)} at every change while ${restartText(t, server)}`,
    async run() {
      const o = await scenario();
      const want = both(t);
      const story = lateReturn(t, o);
      const problems = [
        ...story,
        // A kill that did not take effect would leave the FIB untouched with nothing tested.
        ...(o.whileDown.sessionState === 'Established' ? [{ text: `while the speaker was meant to be down, ${server}'s BIRD had its session Established: the kill did not take effect`, symptom: 'precondition:kill-without-effect' }] : []),
        ...(kernelRouteShapes(o.before.value).join() !== want ? [{ text: `before the restart: {${kernelRouteShapes(o.before.value).join(', ')}}`, symptom: 'precondition:not-whole' }] : []),
        ...o.changes.value.flatMap((c, i) => {
          const shape = shapeOf(c.gateways);
          if (shape === want) return [];
          const back = o.changes.value.slice(i + 1).find((n) => shapeOf(n.gateways) === want);
          const gap = back ? `for ${((back.atUs - c.atUs) / 1000).toFixed(3)} ms` : 'until the end of the watch';
          return [{ text: `at ${c.at}: ${c.deleted ? 'deleted' : `{${shape}}`} ${gap}`, symptom: 'fib-path-lost-during-restart' }];
        }),
        ...(kernelRouteShapes(o.after.value).join() !== want ? [{ text: `after the restart: {${kernelRouteShapes(o.after.value).join(', ')}}`, symptom: 'fib-path-lost-after-restart' }] : []),
      ];
      if (problems.length === 0) return pass(`{${want}} throughout: ${o.changes.value.length} changes seen; ${figures(t, o)}`);
      const told = story.map((p) => p.text);
      return failWith(problems, (texts) => `${told.map((line) => `${line}\n`).join('')}${t.router.name}'s FIB for ${vip} was not {${want}} throughout:\n  ${texts.filter((p) => !told.includes(p)).join('\n  ')}\n  evidence:\n    ${[o.before.raw, o.changes.raw, o.after.raw].join('\n').split('\n').join('\n    ')}`);
    },
  };
}

/** While the speaker is down its BIRD keeps the VIP, as stale; once it is back and has sent its End-of-RIB, that ends. */
export function birdKeepsStaleRoutesThroughRestart(t: Lab, server: string, scenario: Scenario): Check {
  return {
    title: `${server}'s BIRD keeps the speaker's ${t.service.vip}/32 as stale ("Neighbor graceful restart active") while it is down, and ends that once it is back and has sent its End-of-RIB`,
    async run() {
      const o = await scenario();
      const problems = [
        ...lateReturn(t, o),
        ...(!o.whileDown.gracefulRestartActive ? [{ text: `while the speaker was down BIRD did not say "Neighbor graceful restart active" (session ${o.whileDown.sessionState})`, symptom: 'no-graceful-restart-while-down' }] : []),
        ...(!o.whileDown.vipKept ? [{ text: 'while the speaker was down BIRD no longer had the VIP from it', symptom: 'stale-route-dropped' }] : []),
        ...(o.afterReturn.sessionState !== 'Established' ? [{ text: `after the speaker came back the session was ${o.afterReturn.sessionState}`, symptom: 'session-not-established' }] : []),
        ...(o.afterReturn.gracefulRestartActive ? [{ text: 'after the speaker came back BIRD still kept its routes as stale: no End-of-RIB within the restart time', symptom: 'no-end-of-rib' }] : []),
        ...(!o.afterReturn.vipKept ? [{ text: 'after the speaker came back BIRD did not have the VIP from it', symptom: 'vip-missing-after-restart' }] : []),
      ];
      if (problems.length === 0) return pass(`stale while down, refreshed after its End-of-RIB; ${figures(t, o)}`);
      return failWith(problems, (texts) => `${texts.join('\n')}\n  evidence:\n    while down:\n    ${o.whileDown.raw.split('\n').join('\n    ')}\n    after:\n    ${o.afterReturn.raw.split('\n').join('\n    ')}`);
    },
  };
}

/** Every request of the load is answered, and some went through the restarting server while its speaker was down. */
export function noRequestFailsThroughRestart(t: Lab, server: string, scenario: Scenario): Check {
  return {
    title: `every request of a steady load from ${t.router.name} to ${t.service.vip}:${t.service.port} (fresh ports, both paths) is answered while ${restartText(t, server)}`,
    async run() {
      const o = await scenario();
      const failed = o.requests.filter((r) => r.problem);
      const whileDown = o.requests.filter((r) => r.server === server && r.startedMs >= o.killedAtMs && r.startedMs < o.startedAtMs).length;
      const problems = [
        ...lateReturn(t, o),
        ...(failed.length > 0 ? [{ text: `${failed.length} of ${o.requests.length} requests failed`, symptom: 'request-failed-during-restart' }] : []),
        ...(whileDown === 0 ? [{ text: `no request went through ${server} while its speaker was down: nothing tested its path during the restart`, symptom: 'precondition:no-request-while-down' }] : []),
      ];
      if (problems.length === 0) return pass(`${figures(t, o)}; ${whileDown} through ${server} while its speaker was down`);
      return failWith(problems, (texts) => `${texts.join('\n')}\n  evidence:\n    ${failed.map((r) => `port ${r.port} via ${r.server} at +${r.startedMs - o.requests[0]!.startedMs} ms: ${r.problem}`).join('\n    ')}`);
    },
  };
}
