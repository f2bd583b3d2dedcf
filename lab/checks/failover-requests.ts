// Which of the load's failed requests a failover allows, and what each other one says about the lab.
// Only a request sent to the disrupted server while it was going may fail: one under way at the
// disruption or started after it, and started before router0 dropped the server (plus the slack, as a
// request's route is read just before it starts). A failure that had ended before the disruption shows
// the lab was failing that path already, which a failover check must not forgive: a lab where every
// request through server1 fails from the start would otherwise pass.
import type { Symptom } from './check.js';
import type { LoadRequest } from './steady-load.js';

/** When the disrupted server was going, on the harness's clock (Date.now()). */
export interface FailoverWindow {
  /** the disrupted server: "server1" */
  readonly server: string;
  /** just before the disruption was made */
  readonly disruptedMs: number;
  /** when router0 dropped the server's next hop */
  readonly removedMs: number;
  /** how long past removedMs a request may have started and still been routed before the removal */
  readonly slackMs: number;
}

/**
 * The failed requests, sorted by what they say. Example, in a lab whose path through server1 was broken
 * from the start: {"allowed":[3 requests],"beforeDisruption":[50 requests],"throughOtherServer":[],"afterRemoval":[]}
 */
export interface FailedRequests {
  /** to the disrupted server, from the disruption to the removal: what failover may cost */
  readonly allowed: readonly LoadRequest[];
  /** ended before the disruption, through any server */
  readonly beforeDisruption: readonly LoadRequest[];
  /** from the disruption to the removal, through another server (or one router0's FIB did not tell: "none") */
  readonly throughOtherServer: readonly LoadRequest[];
  /** started once router0 had dropped the server (past the slack), through any server */
  readonly afterRemoval: readonly LoadRequest[];
}

/** The symptom of each kind of failure the failover does not allow. */
export const FAILURE_SYMPTOMS = {
  beforeDisruption: 'request-failed-before-disruption',
  throughOtherServer: 'request-failed-through-other-server',
  afterRemoval: 'request-failed-after-removal',
} as const satisfies Record<Exclude<keyof FailedRequests, 'allowed'>, Symptom>;

export function sortFailures(requests: readonly LoadRequest[], w: FailoverWindow): FailedRequests {
  const failed = requests.filter((r) => r.problem);
  const before = (r: LoadRequest): boolean => r.endedMs < w.disruptedMs;
  const after = (r: LoadRequest): boolean => !before(r) && r.startedMs > w.removedMs + w.slackMs;
  const during = failed.filter((r) => !before(r) && !after(r));
  return {
    allowed: during.filter((r) => r.server === w.server),
    beforeDisruption: failed.filter(before),
    throughOtherServer: during.filter((r) => r.server !== w.server),
    afterRemoval: failed.filter(after),
  };
}

const at = (ms: number): string => new Date(ms).toISOString();
const requestsText = (n: number): string => `${n} request${n === 1 ? '' : 's'}`;

/** The failures' stories, the lab's own state first: one line per kind and server, naming the first failure. */
export function failureStories(requests: readonly LoadRequest[], sorted: FailedRequests, w: FailoverWindow, router: string): string[] {
  const through = (server: string): string => (server === 'none' ? `a path ${router}'s FIB did not tell ("none")` : server);
  const byServer = (failures: readonly LoadRequest[]): [string, LoadRequest[]][] =>
    [...new Set(failures.map((r) => r.server))].map((s) => [s, failures.filter((r) => r.server === s)]);
  return [
    ...byServer(sorted.beforeDisruption).map(([s, failures]) => {
      const sent = requests.filter((r) => r.server === s && r.endedMs < w.disruptedMs).length;
      const first = failures[0]!;
      return `${failures.length} of ${sent} requests through ${through(s)} failed before the disruption (the first at ${at(first.startedMs)}, ` +
        `${w.disruptedMs - first.startedMs} ms before it: ${first.problem}): the lab was already failing that path, so its failures say nothing of the failover; ` +
        `only requests to ${w.server} under way from the disruption until ${router} dropped it may fail`;
    }),
    ...byServer(sorted.throughOtherServer).map(([s, failures]) => {
      const first = failures[0]!;
      return `${requestsText(failures.length)} through ${through(s)} failed while ${router} was dropping ${w.server} (the first ${first.startedMs - w.disruptedMs} ms after the disruption: ` +
        `${first.problem}): only requests to ${w.server} may fail`;
    }),
    ...(sorted.afterRemoval.length === 0 ? [] : [sorted.afterRemoval]).map((failures) => {
      const first = failures[0]!;
      return `${requestsText(failures.length)} failed although ${router} had already dropped ${w.server} (the first through ${through(first.server)}, ` +
        `${first.startedMs - w.removedMs} ms after the removal: ${first.problem})`;
    }),
  ];
}
