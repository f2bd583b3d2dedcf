// Manifest mistakes for negative controls: copies of manifests/ with one realistic mistake each, the ones
// people make with Cilium's BGP control plane v2 and LB-IPAM. Fabric-neutral: a control runs the suite
// with LAB_MANIFESTS pointing at the copy, on whichever fabric LAB_FABRIC names, and must see exactly the
// checks in `kills` fail. The bring-up's "manifests:" and "not converged:" lines say what follows from
// the mistake, which makes the failures' cause findable.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fails, type Kill } from './expectations.js';
import { restartChecks } from '../checks/catalog.js';
import { aboutSeconds, NOT_WHOLE, ONE_PATH, others, type Control } from './control.js';
import type { ControlRoles } from './roles.js';
import { DEFAULT_MANIFESTS } from '../util/paths.js';
import { changeFiles, type FileChange } from '../util/replace-once.js';

/** A change to a copy of manifests/: `from` (found exactly once) becomes `to` in `file`, or `file` is written whole. */
export type ManifestChange = FileChange;

/** A fault made in the manifests rather than in the running lab: `what`, `kills` and `why` as a fault's. */
export interface Mistake extends Control {
  readonly change: ManifestChange;
}

/** Nothing advertises the VIP: the router has no route to it, so nothing reaches the Service. */
const NO_VIP: readonly Kill[] = [
  ...fails(['bgp/vip-in-router-bird'], 'bird-path-missing'), ...fails(['bgp/vip-multipath-in-router-fib'], 'fib-path-missing'),
  ...fails(['lb/vip-answers'], 'no-route-to-vip'), ...fails(['ecmp/l3-hash-one-path'], 'precondition:one-path'),
  ...fails(['ecmp/l4-hash-follows-fib', 'dsr/tunnel', 'dsr/inner-destination', 'dsr/option-on-syn-only', 'dsr/replies-from-vip', 'dsr/backend-sees-client'], 'precondition:no-route-to-vip'),
];
const NO_VIP_WHOLE: readonly Kill[] = [...NO_VIP, ...NOT_WHOLE];
/** No speaker session comes up: BIRD's side is down, and the speaker's is `speaker` (no speaker runs, or it is not Established). */
const noSpeakerSessions = (r: ControlRoles, speaker: 'speaker-not-answering' | 'session-not-established'): Kill[] => [
  ...fails(r.servers.map((s) => `bgp/bird-sessions/${s}` as const), 'session-not-established'),
  ...fails(r.servers.map((s) => `bgp/speaker-session/${s}` as const), speaker),
];

export const MISTAKES = {
  'advertisement-unselected': {
    what: () => "the peer config's family selects advertisements labelled advertise=other, and the advertisement is labelled advertise=bgp",
    change: { file: 'cilium-bgp.yaml', from: '        matchLabels:\n          advertise: bgp', to: '        matchLabels:\n          advertise: other' },
    kills: () => NO_VIP_WHOLE,
    why: (r) => `the sessions come up but nothing is advertised: ${r.router} has no route to the VIP. Pod blocks come from BIRD, so pod-to-pod passes.`,
  },
  'no-node-selected': {
    what: () => 'the CiliumBGPClusterConfig selects nodes labelled bgp=65002; the nodes are labelled bgp=65001',
    change: { file: 'cilium-bgp.yaml', from: 'bgp: "65001"', to: 'bgp: "65002"' },
    kills: (r) => [...noSpeakerSessions(r, 'speaker-not-answering'), ...NO_VIP_WHOLE],
    why: () => "no node runs a speaker: BIRD's cilium sessions never come up and nothing advertises the VIP. pod-to-pod passes.",
  },
  'wrong-peer-asn': {
    what: () => "the speaker's peer is AS 65003; the node's BIRD is AS 65001",
    change: { file: 'cilium-bgp.yaml', from: 'peerASN: 65001', to: 'peerASN: 65003' },
    kills: (r) => [...noSpeakerSessions(r, 'session-not-established'), ...NO_VIP_WHOLE],
    why: () => "each speaker refuses BIRD's OPEN (BIRD says \"Received: Bad peer AS\"): no session, no VIP. pod-to-pod passes.",
  },
  'wrong-community': {
    what: (r) => `the advertisement marks the VIP with community 65000:301 instead of ${r.vipCommunity}`,
    change: { file: 'cilium-bgp.yaml', from: '["65000:300"]', to: '["65000:301"]' },
    kills: (r) => [
      ...fails(['bgp/vip-in-router-bird'], 'bird-path-missing'), ...fails(['bgp/vip-multipath-in-router-fib'], 'fib-path-missing'),
      ...fails(r.servers.map((s) => `bgp/no-vip-in-fib/${s}` as const), 'vip-in-server-fib'), ...ONE_PATH.filter((k) => k.check.startsWith('ecmp/')), ...NOT_WHOLE,
    ],
    why: (r) =>
      `BIRD's filters no longer know the route for a LoadBalancer VIP: a server accepts ${r.router}'s reflected copy, ` +
      `installs the VIP in its own FIB and stops advertising its own, so ${r.router} has one path. The VIP still answers (lb), pods still reach each other.`,
    undecided: {
      checks: () => ['dsr/tunnel', 'dsr/inner-destination', 'dsr/option-on-syn-only'],
      why: (r) =>
        `${r.router}'s one path is through the server whose BIRD took the reflected copy last, a race: through ${r.faulty}, its flows are tunnelled as they ` +
        `should be and the tunnel checks pass; through ${r.backend}, no flow enters ${r.faulty} and they fail.`,
    },
  },
  'pool-misses-service': {
    what: () => 'the LB-IPAM pool selects Services labelled bgp=blue; the Service is labelled bgp=green',
    change: { file: 'lb-pool.yaml', from: 'values: [green]', to: 'values: [blue]' },
    kills: () => NO_VIP_WHOLE,
    why: (r) => `the Service gets no LoadBalancer IP, so nothing advertises or serves ${r.vip}. pod-to-pod passes.`,
  },
  'snat-mode': {
    what: () => "Cilium's values set loadBalancer.mode: snat instead of dsr",
    change: { file: 'cilium-values.yaml', from: '  mode: dsr', to: '  mode: snat' },
    kills: () => [
      ...fails(['ecmp/l4-hash-follows-fib', 'dsr/backend-sees-client'], 'client-not-seen'), ...fails(['dsr/tunnel'], 'flow-not-tunnelled'),
      ...fails(['dsr/inner-destination', 'dsr/option-on-syn-only'], 'precondition:no-flow-to-judge'), ...fails(['dsr/replies-from-vip'], 'reply-path-wrong'),
    ],
    why: (r) =>
      `${r.faulty} forwards requests by plain routing from its own address (${r.faultyIp}) and the replies come back through it: ` +
      `no GENEVE, replies leave ${r.faulty} from the VIP, and the echo log shows ${r.faultyIp} instead of ${r.router}'s ${r.routerIpTowardsFaulty}. Every request is answered (lb).`,
  },
  'no-graceful-restart': {
    what: () => 'the peer config turns graceful restart off (gracefulRestart.enabled: false)',
    change: { file: 'cilium-bgp.yaml', from: '  gracefulRestart:\n    enabled: true', to: '  gracefulRestart:\n    enabled: false' },
    kills: () => [
      ...fails(restartChecks('fib-keeps-both-paths'), 'fib-path-lost-during-restart'),
      ...fails(restartChecks('bird-keeps-stale-routes'), 'no-graceful-restart-while-down', 'stale-route-dropped'),
    ],
    why: (r) =>
      `when ${r.faulty}'s speaker dies, BIRD drops its routes at once and ${r.router} routes the VIP via ${others(r)} alone until it is back: the gap is in ${r.router}'s ` +
      `FIB, and BIRD never holds the routes as stale. No request fails (${others(r)} takes them): the load check's own claim holds. Failover only gets faster.`,
    undecided: {
      checks: () => restartChecks('no-request-fails'),
      why: (r) =>
        `no request goes through ${r.faulty} from the kill until its path is back in ${r.router}'s FIB; whether one does between that and the scenario ` +
        'seeing the speaker back (BIRD read every 100 ms) is a race: the load check passes (every request answered), or says that nothing went ' +
        `through ${r.faulty} while its speaker was away (precondition:no-request-while-down, an unjudged claim, never a kill).`,
    },
  },
  'restart-time-beyond-bound': {
    what: (r) => `the peer config sets a graceful restart time of 60 s instead of ${r.restartTimeSeconds} s`,
    change: { file: 'cilium-bgp.yaml', from: 'restartTimeSeconds: 15', to: 'restartTimeSeconds: 60' },
    kills: () => [...fails(['failover/speaker-crash/removal'], 'next-hop-never-removed'), ...fails(['failover/speaker-crash/requests'], 'precondition:no-removal')],
    why: (r) =>
      `a crashed speaker's routes stay 60 s: ${r.router} still routes via ${r.faulty} after the ${aboutSeconds(r.failoverBoundMs['speaker-crash'])} of the lab's ` +
      `${r.restartTimeSeconds} s promise and the measured allowance for BIRD, so there is no "after" to judge either. A restart within 60 s is still graceful.`,
  },
} as const satisfies Record<string, Mistake>;

export type MistakeName = keyof typeof MISTAKES;
export const MISTAKE_NAMES = Object.keys(MISTAKES) as MistakeName[];

/** Copies `source` (manifests/) into a new temporary folder with `changes` made; the caller removes it. */
export function manifestsWith(changes: readonly ManifestChange[], source = DEFAULT_MANIFESTS, parent = tmpdir()): string {
  const dir = mkdtempSync(join(parent, 'bgplab-manifests-'));
  try {
    cpSync(source, dir, { recursive: true });
    changeFiles(dir, changes, 'to make this mistake');
  } catch (error) {
    // a change that does not land leaves no copy behind
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return dir;
}
