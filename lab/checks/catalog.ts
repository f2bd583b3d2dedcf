// The conformance checks of the seven specs, each under a stable id. The specs run them; the negative
// controls (lab/controls/faults.ts, lab/controls/mistakes.ts) name by id the checks each must fail, and the controls
// script compares that with each check's result in vitest's report, where the check shows its title.
import type { Fabric } from '../fabric/fabric-contract.js';
import { nodeNames, podServer, serverNames, disruptedServer, type Lab } from '../description/index.js';
import { blockOwners, blockRoutedOnOtherServers, blockRoutedOnRouter } from './address-blocks.js';
import { birdSessionsEstablished, speakerSessionEstablished, vipAbsentFromServerFib, vipMultipathInRouterFib, vipPathsInRouterBird } from './bgp.js';
import type { Check } from './check.js';
import { dsrBackendSeesClient, dsrInnerDestinationIsBackend, dsrOptionOnSynOnly, dsrRepliesFromVip, dsrTunnelToBackendNode } from './dsr.js';
import { dsrTraffic } from './dsr-traffic.js';
import { ecmpL3HashOnePath, ecmpL4HashFollowsFib } from './ecmp.js';
import { birdKeepsStaleRoutesThroughRestart, fibKeepsBothPathsThroughRestart, noRequestFailsThroughRestart } from './graceful-restart.js';
import { restartScenario } from './restart-scenario.js';
import { RESTARTS, restartsBoundMs, type RestartKind } from './restart-timing.js';
import { nextHopRemovedWithinBound, onlyRequestsDuringRemovalFail } from './failover.js';
import { boundMs, FAILOVER_WAYS, type FailoverWay } from './failover-bounds.js';
import { failoverScenario } from './failover-scenario.js';
import { failoverTimeline, restartTimeline } from './timeline-figures.js';
import { withFigure } from './with-figure.js';
import { vipAnswers } from './lb.js';
import { podPingsPod } from './pods.js';

import type { SpecName } from './spec-names.js';
export { SPECS, type SpecName } from './spec-names.js';

/** What each graceful-restart check claims, judged on each restart (quick, late). */
export const RESTART_CLAIMS = ['fib-keeps-both-paths', 'bird-keeps-stale-routes', 'no-request-fails'] as const;
export type RestartClaim = (typeof RESTART_CLAIMS)[number];

/** The graceful-restart checks of `claims`, on both restarts. Example: ["graceful-restart/quick/no-request-fails","graceful-restart/late/no-request-fails"] */
export const restartChecks = (...claims: RestartClaim[]): CheckId[] => RESTARTS.flatMap((kind) => claims.map((claim) => `graceful-restart/${kind}/${claim}` as const));

/** A check's id: its spec, then what it claims, then where. Example: "bgp/no-vip-in-fib/server1" */
export type CheckId =
  | `bgp/bird-sessions/${string}`
  | `bgp/speaker-session/${string}`
  | 'bgp/vip-in-router-bird'
  | 'bgp/vip-multipath-in-router-fib'
  | `bgp/no-vip-in-fib/${string}`
  | `bgp/block-on-router/${string}`
  | `bgp/block-on-other-server/${string}`
  | `pod-to-pod/from-${string}`
  | 'lb/vip-answers'
  | 'ecmp/l3-hash-one-path'
  | 'ecmp/l4-hash-follows-fib'
  | 'dsr/tunnel'
  | 'dsr/inner-destination'
  | 'dsr/option-on-syn-only'
  | 'dsr/replies-from-vip'
  | 'dsr/backend-sees-client'
  | `graceful-restart/${RestartKind}/${RestartClaim}`
  | `failover/${FailoverWay['id']}/removal`
  | `failover/${FailoverWay['id']}/requests`;

export interface CatalogEntry {
  readonly id: CheckId;
  readonly check: Check;
  /** the describe block the spec shows it under, if any: "sessions" */
  readonly group?: string;
  /** it captures packets into an artifact folder: its own, or one its spec's checks share (they judge the same traffic) */
  readonly captures?: 'own folder' | 'spec folder';
  /** why it does not apply to this fabric, if it does not (the test shows as skipped, with the reason) */
  readonly skipOn?: (fabric: Fabric) => string | undefined;
  /** the test's timeout where its scenario takes longer than vitest's default (a restart), in ms */
  readonly timeoutMs?: number;
}

/** Every conformance check, by spec, in the order the specs run them. */
export function conformanceChecks(fabric: Fabric, t: Lab): Record<SpecName, CatalogEntry[]> {
  const traffic = dsrTraffic(fabric, t, t.claims.dsr.flowsPerServer);
  // the server without the backend: a restart there tests that flows through it keep working
  const restarted = disruptedServer(t);
  const disrupts = (f: Fabric): string | undefined => f.disruptions.refused;
  const vip = `LoadBalancer VIP ${t.service.vip}`;
  return {
    bgp: [
      ...nodeNames(t).map((n) => ({ id: `bgp/bird-sessions/${n}` as const, check: birdSessionsEstablished(fabric, t, n), group: 'sessions' })),
      ...serverNames(t).map((s) => ({ id: `bgp/speaker-session/${s}` as const, check: speakerSessionEstablished(fabric, t, s), group: 'sessions' })),
      { id: 'bgp/vip-in-router-bird', check: vipPathsInRouterBird(fabric, t), group: vip },
      { id: 'bgp/vip-multipath-in-router-fib', check: vipMultipathInRouterFib(fabric, t), group: vip },
      ...serverNames(t).map((s) => ({ id: `bgp/no-vip-in-fib/${s}` as const, check: vipAbsentFromServerFib(fabric, t, s), group: vip })),
      // From where the manifests place pods, so that a fabric that lists no block fails these instead of making none.
      ...blockOwners(t).flatMap((owner) => [
        { id: `bgp/block-on-router/${owner}` as const, check: blockRoutedOnRouter(fabric, t, owner), group: 'address blocks' },
        ...(serverNames(t).length > 1 ? [{ id: `bgp/block-on-other-server/${owner}` as const, check: blockRoutedOnOtherServers(fabric, t, owner), group: 'address blocks' }] : []),
      ]),
    ],
    // The lab's two plain pods, one on each server, ping each other.
    'pod-to-pod': t.claims.ping.flatMap(([a, b]) =>
      [[a, b], [b, a]].map(([from, to]) => ({ id: `pod-to-pod/from-${podServer(t, from!)}` as const, check: podPingsPod(fabric, t, from!, to!) })),
    ),
    lb: [{ id: 'lb/vip-answers', check: vipAnswers(fabric, t, t.claims.lbRequests) }],
    ecmp: [
      { id: 'ecmp/l3-hash-one-path', check: ecmpL3HashOnePath(fabric, t, t.claims.ecmp.l3HashFlows), captures: 'own folder' },
      { id: 'ecmp/l4-hash-follows-fib', check: ecmpL4HashFollowsFib(fabric, t, t.claims.ecmp.l4HashFlowsPerServer * t.service.advertisedBy.length), captures: 'own folder' },
    ],
    dsr: [
      { id: 'dsr/tunnel', check: dsrTunnelToBackendNode(t, traffic), captures: 'spec folder' },
      { id: 'dsr/inner-destination', check: dsrInnerDestinationIsBackend(t, traffic), captures: 'spec folder' },
      { id: 'dsr/option-on-syn-only', check: dsrOptionOnSynOnly(t, traffic), captures: 'spec folder' },
      { id: 'dsr/replies-from-vip', check: dsrRepliesFromVip(t, traffic), captures: 'spec folder' },
      { id: 'dsr/backend-sees-client', check: dsrBackendSeesClient(t, traffic), captures: 'spec folder' },
    ],
    'graceful-restart': RESTARTS.flatMap((kind) => {
      const restart = restartScenario(fabric, t, restarted, kind);
      const figure = (check: Check): Check => withFigure(check, restart, (o) => o.restarts.map((r) => restartTimeline(t, r)));
      // the first check runs the restart, the others read what it saw: each may wait as long as it takes
      const common = { group: `${kind} restart`, skipOn: disrupts, timeoutMs: restartsBoundMs(t, restarted, kind) } as const;
      return [
        { id: `graceful-restart/${kind}/fib-keeps-both-paths` as const, check: figure(fibKeepsBothPathsThroughRestart(t, restarted, kind, restart)), ...common },
        { id: `graceful-restart/${kind}/bird-keeps-stale-routes` as const, check: figure(birdKeepsStaleRoutesThroughRestart(t, restarted, kind, restart)), ...common },
        { id: `graceful-restart/${kind}/no-request-fails` as const, check: figure(noRequestFailsThroughRestart(t, restarted, kind, restart)), ...common },
      ];
    }),
    failover: FAILOVER_WAYS.flatMap((way) => {
      const bound = boundMs(way.bound(t, restarted));
      const scenario = failoverScenario(fabric, t, restarted, way, bound);
      const timeline = (check: Check): Check => withFigure(check, scenario, (o) => failoverTimeline(t, way.id, way.describe(restarted), o, bound));
      const common = { group: way.describe(restarted), captures: 'spec folder', skipOn: way.skipOn } as const;
      return [
        { id: `failover/${way.id}/removal` as const, check: timeline(nextHopRemovedWithinBound(t, restarted, way, scenario)), ...common },
        { id: `failover/${way.id}/requests` as const, check: timeline(onlyRequestsDuringRemovalFail(t, restarted, way, scenario)), ...common },
      ];
    }),
  };
}

/** Each check's title (what vitest's report names it by), built without a fabric: titles come from the topology only. */
export function checkTitles(t: Lab): Map<CheckId, string> {
  const noFabric = new Proxy({}, {
    get: (_, key) => {
      throw new Error(`a check's title must not need the fabric (it read fabric.${String(key)})`);
    },
  }) as Fabric;
  return new Map(Object.values(conformanceChecks(noFabric, t)).flat().map((e) => [e.id, e.check.title]));
}
