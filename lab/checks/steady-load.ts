// Requests to the VIP from router0 at a steady rate, each from a fresh source port, while a failover
// spec disrupts a server: each request keeps the server router0's FIB sent it to when it was sent (read
// just before it with `ip route get`, under the L4 hash the caller sets), when it started and ended, and
// whether it was answered as it should be. The requests go through one client that stays up in router0
// (lab/probes/load-client.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import type { Fabric } from '../fabric/fabric-contract.js';
import { pollUntil } from '../util/poll.js';
import { freshPort } from '../probes/http.js';
import { startLoadClient } from '../probes/load-client.js';
import { serverNames, type Lab } from '../description/index.js';
import { badAnswers, serverByAddress, vipUrl } from './traffic.js';

/** One request of the load. Example: {"port":41234,"server":"server1","startedMs":1795933259272,"endedMs":1795933259290,"problem":"status 0 ..."} */
export interface LoadRequest {
  readonly port: number;
  /** where router0's FIB sent the flow when it was sent; "none" when it had no route */
  readonly server: string | 'none';
  /** the harness's clock (Date.now()) */
  readonly startedMs: number;
  readonly endedMs: number;
  /** what was wrong with its answer; absent when it was answered as expected */
  readonly problem?: string;
}

export interface Load {
  /** waits (within `timeoutMs`) until the requests sent so far satisfy `enough`: "2 requests through each server" */
  until(what: string, enough: (requests: readonly LoadRequest[]) => boolean, timeoutMs?: number): Promise<void>;
  /** stops sending (the request under way finishes) and returns every request, in order; again, the same */
  stop(): Promise<LoadRequest[]>;
}

/** How long the load waits, by default, for the requests it is told to see: a few at 20 a second, with room for a busy machine. */
export const LOAD_WAIT_MS = 30_000;

/**
 * Starts sending a request every `intervalMs` (or as soon as the previous one ended, if it took longer),
 * through one client in router0 (lab/probes/load-client.ts) that ends by itself after `maxSeconds`.
 */
export function startLoad(fabric: Fabric, t: Lab, intervalMs: number, maxSeconds: number): Load {
  const client = startLoadClient(fabric.node(t.router.name), t.service.vip, t.service.port, vipUrl(t), maxSeconds);
  const requests: LoadRequest[] = [];
  let stopping = false;
  // a client that failed (it exited, or stopped answering) ends the load: its conditions fail with it
  let failure: Error | undefined;
  const loop = (async () => {
    while (!stopping) {
      const tick = Date.now();
      const { gateway, exchange } = await client.request(freshPort());
      const server = (gateway === undefined ? undefined : serverByAddress(t, gateway)) ?? 'none';
      const [problem] = badAnswers(t, [exchange]);
      requests.push({ port: exchange.localPort, server, startedMs: tick, endedMs: Date.now(), ...(problem ? { problem } : {}) });
      await sleep(Math.max(0, tick + intervalMs - Date.now()));
    }
  })()
    .catch((error: unknown) => void (failure = error instanceof Error ? error : new Error(String(error))))
    .finally(() => client.close());
  return {
    // A request that is not answered takes up to curl's 1.5 s handshake bound: where a fault makes half of
    // them fail, a few requests through each server take seconds.
    async until(what, enough, timeoutMs = LOAD_WAIT_MS) {
      await pollUntil({
        what: `the load from ${t.router.name} has sent ${what}`,
        timeoutMs,
        intervalMs: intervalMs / 2,
        // a failed client ends the wait at once, and its failure is the load's
        check: async () => ({ done: failure !== undefined || enough(requests), seen: describeLoad(requests, serverNames(t)) }),
      });
      if (failure) throw failure;
    },
    async stop() {
      stopping = true;
      await loop;
      if (failure) throw failure;
      return requests;
    },
  };
}

/** At least `count` requests router0 sent through each of `servers` since `sinceMs`: a load condition. */
export const throughEach = (servers: readonly string[], count: number, sinceMs = 0) => (requests: readonly LoadRequest[]): boolean =>
  servers.every((s) => requests.filter((r) => r.server === s && r.startedMs >= sinceMs).length >= count);

/** "120 requests, 0 failed (61 to server0, 59 to server1)". */
export function describeLoad(requests: readonly LoadRequest[], servers: readonly string[]): string {
  const failed = requests.filter((r) => r.problem).length;
  const by = servers.map((s) => `${requests.filter((r) => r.server === s).length} to ${s}`).join(', ');
  return `${requests.length} requests, ${failed} failed (${by})`;
}
