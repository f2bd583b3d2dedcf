// The convergence wait, the same on both fabrics: bounded, one progress line per stage, and on timeout
// an error that shows what every BIRD saw.
import { birdProtocolTable } from './probes/routing.js';
import type { Fabric } from './fabric.js';
import {
  addressBlockChecks,
  birdSessionsEstablished,
  speakerSessionEstablished,
  vipMultipathInRouterFib,
} from './checks/bgp.js';
import type { Check } from './checks/check.js';
import { pollUntil, PollTimeoutError } from './poll.js';
import type { Progress } from './progress.js';
import { nodeNames, serverNames, type Topology } from './topology.js';

/**
 * Covers the slowest speaker the netns fabric accepts: GoBGP 3.10's random 5-9 s first dial plus one
 * refused dial and its 5-9 s retry. GoBGP 3.36 dials after 1-2 s and retries every 1-2 s.
 */
export const DEFAULT_CONVERGENCE_TIMEOUT_MS = 30_000;

interface Stage {
  readonly title: string;
  readonly checks: readonly Check[];
}

async function stages(fabric: Fabric, t: Topology): Promise<Stage[]> {
  return [
    { title: 'BIRD sessions Established on router0, server0, server1', checks: nodeNames.map((n) => birdSessionsEstablished(fabric, t, n)) },
    { title: 'Cilium speakers Established on server0, server1', checks: serverNames.map((s) => speakerSessionEstablished(fabric, t, s)) },
    { title: `router0 routes ${t.service.vip} via both servers`, checks: [vipMultipathInRouterFib(fabric, t)] },
    { title: 'every address block routed', checks: await addressBlockChecks(fabric, t) },
  ];
}

async function birdDump(fabric: Fabric): Promise<string> {
  const tables = await Promise.all(
    nodeNames.map(async (node) => {
      const table = await birdProtocolTable(fabric, node).catch((error: unknown) => String(error));
      return `--- ${node}: birdc show protocols\n${table.trim()}`;
    }),
  );
  return tables.join('\n');
}

export async function waitForConvergence(
  fabric: Fabric,
  t: Topology,
  progress: Progress,
  timeoutMs = DEFAULT_CONVERGENCE_TIMEOUT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const stage of await stages(fabric, t)) {
    try {
      await pollUntil({
        what: stage.title,
        timeoutMs: Math.max(deadline - Date.now(), 0),
        intervalMs: 100,
        check: async () => {
          const outcomes = await Promise.all(stage.checks.map((c) => c.run()));
          const failing = outcomes.filter((o) => !o.ok).map((o) => o.message);
          return { done: failing.length === 0, seen: failing.join('\n') };
        },
      });
    } catch (error) {
      if (!(error instanceof PollTimeoutError)) throw error;
      throw new Error(
        `the ${fabric.kind} fabric did not converge within ${timeoutMs / 1000} s: ${stage.title} did not happen.\n` +
          `last seen:\n${error.lastSeen}\n${await birdDump(fabric)}`,
      );
    }
    progress.stage(stage.title);
  }
}
