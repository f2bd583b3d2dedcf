// What failover promises when a server stops advertising for good (the failover spec), per way it stops
// (failover-bounds.ts), judged on one shared run of that way (failover-scenario.ts): router0 drops the
// server's next hop within the bound the timers imply; only requests sent its way from the disruption
// until then fail (failover-requests.ts); after it every request is answered through the other server
// only, as both servers' captures show.
import { listText, serverNames, type Lab } from '../description/index.js';
import { fail, failWithSymptoms, pass, type Check, type CheckContext, type Symptom } from './check.js';
import { WAIT_PAST_BOUND_MS, type FailoverObservation } from './failover-scenario.js';
import { boundMs, boundText, type FailoverWay } from './failover-bounds.js';
import { captureEvidence } from './evidence.js';
import { describeFlow } from './flows.js';
import { FAILURE_SYMPTOMS, failureStories, sortFailures } from './failover-requests.js';
import { describeLoad } from './steady-load.js';
import { badAnswers, flowsOf } from './traffic.js';

type Scenario = (context?: CheckContext) => Promise<FailoverObservation>;

/**
 * Requests whose start is this close to the removal may have been routed either way (a request's start
 * is taken before its route is): 50 ms, plus how far off the two clocks' match may be (half the round
 * trip of the command that read router0's clock: a few ms on netns, more through docker exec on kind).
 */
const slackMs = (o: FailoverObservation): number => 50 + o.clockUncertaintyMs;

/** router0 drops the server's next hop for the VIP within the bound, timed from the disruption on router0's own clock. */
export function nextHopRemovedWithinBound(t: Lab, server: string, way: FailoverWay, scenario: Scenario): Check {
  const bound = way.bound(t, server);
  const what = way.describe(server);
  return {
    title: `when ${what}, ${t.router.name}'s FIB drops its next hop for ${t.service.vip}/32 within ${boundText(bound)}`,
    async run(context) {
      const o = await scenario(context);
      if (o.removalMs === undefined) {
        return fail(`${t.router.name} still routed ${t.service.vip}/32 via ${server} ${(boundMs(bound) + WAIT_PAST_BOUND_MS) / 1000} s after ${what} (at ${o.disruptedAt})\n  evidence:\n    ${o.changes.raw.split('\n').join('\n    ')}`, 'next-hop-never-removed');
      }
      const figures = `dropped ${(o.removalMs / 1000).toFixed(3)} s after ${what} (at ${o.removal!.at}); ${describeLoad(o.requests, serverNames(t))}`;
      if (o.removalMs <= boundMs(bound)) return pass(figures);
      return fail(`${figures}: later than the bound, ${boundText(bound)}\n  evidence:\n    ${o.changes.raw.split('\n').join('\n    ')}`, 'removal-later-than-bound');
    },
  };
}

/**
 * Failed requests are only those sent to the server from the disruption until router0 dropped it
 * (failover-requests.ts); afterwards all go through the other server and are answered.
 */
export function onlyRequestsDuringRemovalFail(t: Lab, server: string, way: FailoverWay, scenario: Scenario): Check {
  const others = t.service.advertisedBy.filter((s) => s !== server);
  const other = listText(others);
  return {
    title: `when ${way.describe(server)}, only requests ${t.router.name} sent to ${server} between the disruption and dropping it fail, and afterwards every request is answered through ${other} only (captures of ${way.uplinkDown ? `the uplinks of ${other}; ${server}'s is down` : `the uplinks of ${listText(serverNames(t))}`})`,
    async run(context) {
      const o = await scenario(context);
      if (o.removalHarnessMs === undefined || !o.afterRemoval) return fail(`${t.router.name} never dropped ${server}'s next hop, so there is no "after" to judge\n  evidence:\n    ${o.changes.raw.split('\n').join('\n    ')}`, 'precondition:no-removal');
      const window = { server, disruptedMs: o.disruptionHarnessMs, removedMs: o.removalHarnessMs, slackMs: slackMs(o) };
      const sorted = sortFailures(o.requests, window);
      const flows = flowsOf(t, o.afterRemoval);
      const elsewhere = flows.filter(({ flow }) => flow.synIn.length !== 1 || !others.includes(flow.synIn[0]!));
      const unanswered = badAnswers(t, o.afterRemoval.value);
      const problems = [
        ...failureStories(o.requests, sorted, window, t.router.name),
        ...elsewhere.map(({ flow }) => `after the removal, a flow entered {${flow.synIn.join(', ')}}, not one of ${other}: ${describeFlow(flow)}`),
        ...unanswered.map((a) => `after the removal: ${a}`),
      ];
      const figures = `${sorted.allowed.length} failed, all to ${server} between the disruption and the removal (${slackMs(o)} ms slack); ${flows.length} of ${flows.length} flows afterwards through ${other}; ${describeLoad(o.requests, serverNames(t))}`;
      const symptoms = [...new Set<Symptom>([
        ...(sorted.beforeDisruption.length ? [FAILURE_SYMPTOMS.beforeDisruption] : []),
        ...(sorted.throughOtherServer.length ? [FAILURE_SYMPTOMS.throughOtherServer] : []),
        ...(sorted.afterRemoval.length || unanswered.length ? [FAILURE_SYMPTOMS.afterRemoval] : []),
        ...(elsewhere.length ? ['flow-to-removed-server'] : []),
      ])];
      if (symptoms.length === 0) return pass(figures);
      return failWithSymptoms(`${problems.join('\n')}\n  evidence:\n    ${[...flows.map(({ flow }) => describeFlow(flow)), captureEvidence(o.afterRemoval)].join('\n    ')}`, symptoms);
    },
  };
}
