// The convergence wait, the same on both fabrics: bounded, decided by what the daemons say, one progress
// line per stage. It waits for what the cluster's intent makes possible (ConvergenceTarget): the sessions
// of the speakers that run, each Established or refused by a daemon with its reason (BIRD's "Received:
// Bad peer AS"); the VIP's two paths only where both speakers advertise it. A session that does neither
// within the bound fails the bring-up, with every BIRD's protocol table. Routes that do not come within
// their bound are said in a line, and the specs run on the fabric as it is: they judge the lab's claims,
// with evidence, where a manifest made the fabric break one.
import { birdProtocolTable } from '../probes/routing.js';
import type { Fabric } from './fabric-contract.js';
import { parseBirdProtocols } from '../bird/protocols.js';
import { addressBlockChecks } from '../checks/address-blocks.js';
import { speakerSessionEstablished, vipMultipathInRouterFib } from '../checks/bgp.js';
import { failingMessages, type Check } from '../checks/check.js';
import { pollUntil, pollUntilOrTimeout, PollTimeoutError } from '../util/poll.js';
import type { Progress } from '../run/progress.js';
import { expectedBirdSessions, localSpeakerSessions, nodeNames, serverNames, type Lab } from '../description/index.js';

/**
 * Covers the slowest speaker the netns fabric accepts: GoBGP 3.10's random 5-9 s first dial plus one
 * refused dial and its retry. GoBGP 3.36 dials after 1-2 s and retries after connect-retry to twice that
 * (the PeerConfig's connectRetryTimeSeconds: 5 in the lab's manifests, so 5-10 s; Cilium's default 120 s
 * would outlast this bound, as it would keep a real lab waiting).
 */
export const DEFAULT_CONVERGENCE_TIMEOUT_MS = 30_000;

/** How long each part of the wait may take. */
export interface ConvergenceBounds {
  /** until every session is Established or refused */
  readonly sessionsMs: number;
  /** for the speakers' state and each set of routes after that: on the netns fabric routes follow within 0.1 s */
  readonly routesMs: number;
}

export const NETNS_BOUNDS: ConvergenceBounds = { sessionsMs: DEFAULT_CONVERGENCE_TIMEOUT_MS, routesMs: 5_000 };

/** What the fabric can converge to. Example: {"speakers":["server0","server1"],"vipAdvertisers":["server0","server1"]} */
export interface ConvergenceTarget {
  /** servers whose Cilium speaker runs */
  readonly speakers: readonly string[];
  /** servers whose speaker advertises the lab's VIP */
  readonly vipAdvertisers: readonly string[];
}

/** The lab as its claims describe it: a speaker on every server, each advertising the VIP. */
export const claimedTarget = (t: Lab): ConvergenceTarget => ({ speakers: serverNames(t), vipAdvertisers: t.service.advertisedBy });

/** A daemon's word that a session will not come up as configured: BIRD's "Received: Bad peer AS", "Error: ...". */
const REFUSED = /\b(Received|Error):/;

async function birdDump(fabric: Fabric): Promise<string> {
  const tables = await Promise.all(
    nodeNames(fabric.lab).map(async (node) => {
      const table = await birdProtocolTable(fabric, node).catch((error: unknown) => String(error));
      return `--- ${node}: birdc show protocols\n${table.trim()}`;
    }),
  );
  return tables.join('\n');
}

/** A session a daemon refused, with what it said. Example: {"node":"server0","protocol":"cilium","info":"Idle Received: Bad peer AS"} */
interface RefusedSession {
  readonly node: string;
  readonly protocol: string;
  readonly info: string;
}

/** Polls until every BIRD session the target makes possible is Established or refused; returns the refused ones. */
async function sessionsSettled(fabric: Fabric, t: Lab, target: ConvergenceTarget, timeoutMs: number): Promise<RefusedSession[]> {
  let refused: RefusedSession[] = [];
  const title = `BIRD sessions Established on ${nodeNames(t).join(', ')}`;
  try {
    await pollUntil({
      what: title,
      timeoutMs,
      intervalMs: 100,
      check: async () => {
        // What each poll sees: a refusal that a later poll sees Established no longer counts.
        refused = [];
        const pending: string[] = [];
        for (const node of nodeNames(t)) {
          const protocols = new Map(parseBirdProtocols(await fabric.birdc(node, ['show', 'protocols'])).map((p) => [p.name, p]));
          const local = localSpeakerSessions(t, node);
          for (const s of expectedBirdSessions(t, node)) {
            // a session for a speaker the manifests do not run here cannot come up
            if (local.includes(s) && !target.speakers.includes(node)) continue;
            const p = protocols.get(s.protocol);
            if (p && REFUSED.test(p.info)) refused.push({ node, protocol: s.protocol, info: p.info });
            else if (!p || !p.info.startsWith('Established')) pending.push(`${node} ${s.protocol}: ${p ? `${p.state} ${p.info}` : 'no such protocol'}`);
          }
        }
        return { done: pending.length === 0, seen: pending.join('\n') };
      },
    });
  } catch (error) {
    if (!(error instanceof PollTimeoutError)) throw error;
    throw new Error(`the ${fabric.kind} fabric did not converge within ${timeoutMs / 1000} s: ${title} did not happen.\nlast seen:\n${error.lastSeen}\n${await birdDump(fabric)}`);
  }
  return refused;
}

async function routesStage(title: string, checks: readonly Check[], timeoutMs: number, progress: Progress): Promise<void> {
  const result = await pollUntilOrTimeout({
    what: title,
    timeoutMs,
    intervalMs: 100,
    check: async () => {
      const failing = await failingMessages(checks);
      return { done: failing.length === 0, seen: failing.join('\n') };
    },
  });
  if (result.done) progress.stage(title);
  else progress.note(`not converged: ${title} did not happen within ${timeoutMs / 1000} s; the specs run on the fabric as it is. Last seen: ${result.lastSeen.split('\n')[0]}`);
}

export async function waitForConvergence(
  fabric: Fabric,
  t: Lab,
  progress: Progress,
  target: ConvergenceTarget = claimedTarget(t),
  bounds: ConvergenceBounds = NETNS_BOUNDS,
): Promise<void> {
  const refused = await sessionsSettled(fabric, t, target, bounds.sessionsMs);
  progress.stage(`BIRD sessions Established on ${nodeNames(t).join(', ')}`);
  refused.forEach((r) => progress.note(`not converged: ${r.node} ${r.protocol}: ${r.info}`));
  const isLocal = (r: RefusedSession): boolean => localSpeakerSessions(t, r.node).some((s) => s.protocol === r.protocol);
  const established = target.speakers.filter((s) => !refused.some((r) => r.node === s && isLocal(r)));
  if (established.length > 0) {
    await routesStage(`Cilium speakers Established on ${established.join(', ')}`, established.map((s) => speakerSessionEstablished(fabric, t, s)), bounds.routesMs, progress);
  }
  const advertising = target.vipAdvertisers.filter((s) => established.includes(s));
  const promised = t.service.advertisedBy;
  if (promised.every((s) => advertising.includes(s))) {
    await routesStage(`${t.router.name} routes ${t.service.vip} via ${promised.join(', ')}`, [vipMultipathInRouterFib(fabric, t)], bounds.routesMs, progress);
  } else {
    progress.note(`not converged: ${t.router.name} cannot route ${t.service.vip} via ${promised.join(', ')}: ${advertising.length > 0 ? `only ${advertising.join(', ')} advertises it` : 'no speaker advertises it'}`);
  }
  await routesStage('every address block routed', addressBlockChecks(fabric, t), bounds.routesMs, progress);
}
