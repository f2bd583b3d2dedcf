// The clients the echo server logged while a check ran: the log is read from where it ended when the
// check began, never a stale line of an earlier check, and waited for (bounded), since http-echo writes
// a request's line after it has answered.
import type { Fabric } from '../fabric/fabric-contract.js';
import { parseEchoLog } from '../probes/echo-log.js';
import { pollUntil, PollTimeoutError } from '../util/poll.js';
import type { Lab } from '../description/index.js';

/** The clients of the echo log's lines written after `since` (the log's length when a check began). */
export function clientsLoggedSince(log: string, since: number): Set<string> {
  return new Set(parseEchoLog(log.slice(since)).map((r) => r.client));
}

/** Where the echo log ends now: a check reads only what comes after, never a stale line of an earlier check. */
export async function echoLogMark(fabric: Fabric, t: Lab): Promise<number> {
  return (await fabric.podLog(t.service.backend)).length;
}

/**
 * The clients in the echo server's log since `since`, once it shows every one of `expected` or a second
 * has passed: http-echo writes a request's line after it has sent the answer, so a client may have its
 * answer before the line is there.
 */
export async function echoLogClients(fabric: Fabric, t: Lab, expected: readonly string[], since: number): Promise<Set<string>> {
  const read = async (): Promise<Set<string>> => clientsLoggedSince(await fabric.podLog(t.service.backend), since);
  try {
    return (await pollUntil({
      what: 'the echo log shows every client',
      timeoutMs: 1_000,
      intervalMs: 50,
      check: async () => {
        const clients = await read();
        return { done: expected.every((c) => clients.has(c)), seen: `${clients.size} clients`, value: clients };
      },
    }))!;
  } catch (error) {
    if (error instanceof PollTimeoutError) return read();
    throw error;
  }
}
