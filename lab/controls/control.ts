// What a negative control is (a fault of lab/controls/faults.ts, a mistake of lab/controls/mistakes.ts),
// the kills several share, and the few words their prose derives from the lab's roles (roles.ts).
import { RESTART_CLAIMS, restartChecks, type CheckId } from '../checks/catalog.js';
import { listText } from '../description/index.js';
import { fails, type Kill } from './expectations.js';
import type { ControlRoles } from './roles.js';

/** A negative control: what is wrong, the checks that must fail, and why those and no others, each said of a lab with these roles. */
export interface Control {
  /** what is wrong in the lab */
  readonly what: (roles: ControlRoles) => string;
  /** the checks that must fail, each with the symptoms it must fail with, on a lab with these roles; every other check must pass */
  readonly kills: (roles: ControlRoles) => readonly Kill[];
  /** why those fail, and why the others do not */
  readonly why: (roles: ControlRoles) => string;
  /**
   * Checks whose result the control leaves to a race in the lab, with why: they may fail or pass, and
   * count neither as killed nor as a mismatch. Example: which of two servers keeps advertising.
   */
  readonly undecided?: { readonly checks: (roles: ControlRoles) => readonly CheckId[]; readonly why: (roles: ControlRoles) => string };
}

/**
 * With the router routing the VIP through one server only, the L3-hash check and the tunnel's have nothing
 * to judge (one path; no flow through the other server), and the L4 hash leaves the other path below its bound.
 */
export const ONE_PATH: readonly Kill[] = [
  ...fails(['ecmp/l3-hash-one-path'], 'precondition:one-path'),
  ...fails(['ecmp/l4-hash-follows-fib'], 'path-below-bound'),
  ...fails(['dsr/tunnel', 'dsr/inner-destination', 'dsr/option-on-syn-only'], 'precondition:no-flow-to-judge'),
];
/**
 * The graceful-restart and failover specs disrupt only a whole fabric (every session Established, the VIP
 * via both servers): where it is not, each of their checks fails saying so, and nothing is disrupted.
 */
export const NOT_WHOLE: readonly Kill[] = fails(
  [
    ...restartChecks(...RESTART_CLAIMS),
    'failover/speaker-crash/removal', 'failover/speaker-crash/requests', 'failover/speaker-withdrawn/removal',
    'failover/speaker-withdrawn/requests', 'failover/uplink-down/removal', 'failover/uplink-down/requests',
  ],
  'precondition:not-whole',
);
export const FAILOVER_REQUESTS: readonly CheckId[] = ['failover/speaker-crash/requests', 'failover/speaker-withdrawn/requests', 'failover/uplink-down/requests'];
/** A request through the VIP fails where the lab is meant to answer it. */
export const UNANSWERED = 'request-not-answered';

/** The servers other than the faulty one, as a sentence names them. Example: "server0" */
export const others = (r: ControlRoles): string => listText(r.servers.filter((s) => s !== r.faulty));
/** A time in ms, in seconds as exact as it was derived. Example: 606 gives "0.606 s" */
export const seconds = (ms: number): string => `${ms / 1000} s`;
/** A time in ms, in seconds to a tenth. Example: 17847 gives "17.8 s" */
export const aboutSeconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
