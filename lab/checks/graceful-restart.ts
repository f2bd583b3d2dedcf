// What graceful restart promises when a server's Cilium speaker restarts (the graceful-restart spec), one
// claim per check, each judged on the restart of its scenario (restart-scenario.ts: a quick one, or a
// late one, each with checks and a fabric of its own): router0's FIB never loses the server's next hop, nor after the End-of-RIB;
// the server's BIRD keeps the speaker's routes as stale until its End-of-RIB, and the session then stays
// up; no request of a steady load fails.
import { gatewaysShape as shapeOf, kernelRouteShapes } from '../probes/routing.js';
import { listText, nodeIp, type Lab } from '../description/index.js';
import { pass, type Check } from './check.js';
import type { RestartObservation, RestartsObservation } from './restart-scenario.js';
import type { RestartKind } from './restart-timing.js';
import { failWith, figures, label, lateReturn, restartText, type Problem } from './restart-story.js';

type Scenario = () => Promise<RestartsObservation>;

const both = (t: Lab): string => shapeOf(t.service.advertisedBy.map((s) => nodeIp(t, s)));
const flapped = 'session-flapped-after-end-of-rib';

/** What router0's FIB did wrong in one restart: a change that lost a path before the End-of-RIB, or after it (a flap), or the state at the end. */
function fibProblems(t: Lab, o: RestartObservation): Problem[] {
  const want = both(t);
  const at = label(o);
  const changes = o.changes.value;
  return [
    // A kill that did not take effect would leave the FIB untouched with nothing tested.
    ...(o.whileDown.sessionState === 'Established' ? [{ text: `${at}while the speaker was meant to be down, ${o.server}'s BIRD had its session Established: the kill did not take effect`, symptom: 'precondition:kill-without-effect' }] : []),
    ...(kernelRouteShapes(o.before.value).join() !== want ? [{ text: `${at}before the restart: {${kernelRouteShapes(o.before.value).join(', ')}}`, symptom: 'precondition:not-whole' }] : []),
    ...changes.flatMap((c, i) => {
      const shape = shapeOf(c.gateways);
      if (shape === want) return [];
      const back = changes.slice(i + 1).find((n) => shapeOf(n.gateways) === want);
      const gap = back ? `for ${((back.atUs - c.atUs) / 1000).toFixed(3)} ms` : 'until the end of the watch';
      const afterEndOfRib = o.endOfRib !== undefined && c.atUs >= o.endOfRib.us;
      return afterEndOfRib
        ? [{ text: `${at}at ${c.at}, after the End-of-RIB (seen at ${o.endOfRib!.at}): ${c.deleted ? 'deleted' : `{${shape}}`} ${gap}: the session flapped once it was back`, symptom: flapped }]
        : [{ text: `${at}at ${c.at}: ${c.deleted ? 'deleted' : `{${shape}}`} ${gap}`, symptom: 'fib-path-lost-during-restart' }];
    }),
    ...(kernelRouteShapes(o.after.value).join() !== want ? [{ text: `${at}at the end of the watch, ${o.settle.why} after the End-of-RIB: {${kernelRouteShapes(o.after.value).join(', ')}}`, symptom: 'fib-path-lost-after-restart' }] : []),
  ];
}

/** router0's FIB routes the VIP via both servers before, after, and at every change in between (ip monitor sees each), through the restart. */
export function fibKeepsBothPathsThroughRestart(t: Lab, server: string, kind: RestartKind, scenario: Scenario): Check {
  const vip = `${t.service.vip}/32`;
  return {
    title: `${t.router.name}'s kernel FIB keeps ${vip} via ${listText(t.service.advertisedBy)} at every change while ${restartText(t, server, kind)}`,
    async run() {
      const { restarts } = await scenario();
      const want = both(t);
      const story = restarts.flatMap((o) => lateReturn(t, o));
      const problems = [...story, ...restarts.flatMap((o) => fibProblems(t, o))];
      if (problems.length === 0) return pass(`{${want}} throughout: ${restarts.map((o) => `${o.kind} restart ${o.changes.value.length} changes seen`).join(', ')}; ${figures(t, restarts)}`);
      const told = story.map((p) => p.text);
      const evidence = restarts.map((o) => `${label(o)}\n${[o.before.raw, o.changes.raw, o.after.raw].join('\n')}`).join('\n');
      return failWith(problems, (texts) => `${told.map((line) => `${line}\n`).join('')}${t.router.name}'s FIB for ${vip} was not {${want}} throughout:\n  ${texts.filter((p) => !told.includes(p)).join('\n  ')}\n  evidence:\n    ${evidence.split('\n').join('\n    ')}`);
    },
  };
}

/** What BIRD did wrong in one restart. */
function birdProblems(o: RestartObservation): Problem[] {
  const at = label(o);
  return [
    ...(!o.whileDown.gracefulRestartActive ? [{ text: `${at}while the speaker was down BIRD did not say "Neighbor graceful restart active" (session ${o.whileDown.sessionState})`, symptom: 'no-graceful-restart-while-down' }] : []),
    ...(!o.whileDown.vipKept || o.dropped ? [{ text: `${at}while the speaker was down BIRD no longer had the VIP from it (session ${(o.dropped ?? o.whileDown).sessionState})`, symptom: 'stale-route-dropped' }] : []),
    ...(o.afterReturn.sessionState !== 'Established' ? [{ text: `${at}after the speaker came back the session was ${o.afterReturn.sessionState}`, symptom: 'session-not-established' }] : []),
    ...(o.afterReturn.gracefulRestartActive ? [{ text: `${at}after the speaker came back BIRD still kept its routes as stale: no End-of-RIB within the restart time`, symptom: 'no-end-of-rib' }] : []),
    ...(!o.afterReturn.vipKept ? [{ text: `${at}after the speaker came back BIRD did not have the VIP from it`, symptom: 'vip-missing-after-restart' }] : []),
    ...o.flaps.map((f) => ({ text: `${at}within ${o.settle.why} after the End-of-RIB: ${f}`, symptom: flapped })),
  ];
}

/** While the speaker is down its BIRD keeps the VIP, as stale; once it is back and has sent its End-of-RIB, that ends, and the session stays up. */
export function birdKeepsStaleRoutesThroughRestart(t: Lab, server: string, kind: RestartKind, scenario: Scenario): Check {
  return {
    title: `${server}'s BIRD keeps the speaker's ${t.service.vip}/32 as stale ("Neighbor graceful restart active") while it is down, and ends that once it is back and has sent its End-of-RIB, its session then staying Established, while ${restartText(t, server, kind)}`,
    async run() {
      const { restarts } = await scenario();
      const problems = restarts.flatMap((o) => [...lateReturn(t, o), ...birdProblems(o)]);
      if (problems.length === 0) return pass(`stale while down, refreshed after its End-of-RIB, Established since; ${figures(t, restarts)}`);
      const evidence = restarts.map((o) => `${label(o)}\nwhile down:\n${o.whileDown.raw}\n${o.dropped ? `dropped:\n${o.dropped.raw}\n` : ''}after:\n${o.afterReturn.raw}`).join('\n');
      return failWith(problems, (texts) => `${texts.join('\n')}\n  evidence:\n    ${evidence.split('\n').join('\n    ')}`);
    },
  };
}

/** The requests through `server` from the kill until the speaker was back with its End-of-RIB: those its restart put at risk. */
const whileAway = (o: RestartObservation, server: string): number =>
  o.requests.filter((r) => r.server === server && r.startedMs >= o.killedAtMs && r.startedMs < (o.backAtMs ?? Infinity)).length;

/** Every request of the load is answered, and some went through the restarting server while its speaker was down. */
export function noRequestFailsThroughRestart(t: Lab, server: string, kind: RestartKind, scenario: Scenario): Check {
  return {
    title: `every request of a steady load from ${t.router.name} to ${t.service.vip}:${t.service.port} (fresh ports, both paths) is answered while ${restartText(t, server, kind)}`,
    async run() {
      const { restarts } = await scenario();
      const failed = restarts.flatMap((o) => o.requests.filter((r) => r.problem).map((r) => ({ o, r })));
      const problems = restarts.flatMap((o) => {
        const failedHere = o.requests.filter((r) => r.problem).length;
        const whileDown = whileAway(o, server);
        return [
          ...lateReturn(t, o),
          ...(failedHere > 0 ? [{ text: `${label(o)}${failedHere} of ${o.requests.length} requests failed`, symptom: 'request-failed-during-restart' }] : []),
          ...(whileDown === 0 ? [{ text: `${label(o)}no request went through ${server} while its speaker was away (from the kill to its End-of-RIB): nothing tested its path during the restart`, symptom: 'precondition:no-request-while-down' }] : []),
        ];
      });
      const through = restarts.map((o) => `${o.kind}: ${whileAway(o, server)}`).join(', ');
      if (problems.length === 0) return pass(`${figures(t, restarts)}; through ${server} while its speaker was away: ${through}`);
      return failWith(problems, (texts) => `${texts.join('\n')}\n  evidence:\n    ${failed.map(({ o, r }) => `${label(o)}port ${r.port} via ${r.server} at +${r.startedMs - o.requests[0]!.startedMs} ms: ${r.problem}`).join('\n    ')}`);
    },
  };
}
