// What each negative control says is wrong and why, said of the lab's roles (lab/controls/roles.ts) as
// its checks are: on this repository's lab the words are those the controls always had; on a lab whose
// nodes are named otherwise, or whose faulty server's link is elsewhere, they name that lab's nodes,
// addresses and bounds, and none of this repository's.
import { describe, expect, it } from 'vitest';
import type { Control } from '../lab/controls/control.js';
import { FAULTS } from '../lab/controls/faults.js';
import { MISTAKES } from '../lab/controls/mistakes.js';
import { controlRoles, type ControlRoles } from '../lab/controls/roles.js';
import { nodeNames, type Lab } from '../lab/description/index.js';
import { MOVED_LINK, withServers } from '../lab/description/lab-variants.js';
import { topology } from './default-lab.js';
import { labWith, RENAMED_NODES } from './lab-copies.js';

const CONTROLS = Object.entries({ ...FAULTS, ...MISTAKES }) as [string, Control][];

/** Every sentence the controls say of a lab with these roles, by control. */
const prose = (roles: ControlRoles): [string, string][] =>
  CONTROLS.flatMap(([name, c]) => [c.what(roles), c.why(roles), ...(c.undecided ? [c.undecided.why(roles)] : [])].map((text): [string, string] => [name, text]));

describe("the controls' prose", () => {
  it("says on this repository's lab what it always said, the figures derived from the lab", () => {
    const r = controlRoles(topology);
    expect(FAULTS['router-session-down'].what(r)).toBe("server1's iBGP session to router0 is shut (birdc disable on server1)");
    expect(FAULTS['vip-in-server-fib'].what(r)).toBe("server0's BIRD exports the VIP into server0's kernel table: its kernel export filter lost the line for community 65000:300");
    expect(MISTAKES['snat-mode'].why(r)).toBe(
      'server1 forwards requests by plain routing from its own address (10.0.2.2) and the replies come back through it: ' +
        "no GENEVE, replies leave server1 from the VIP, and the echo log shows 10.0.2.2 instead of router0's 10.0.2.1. Every request is answered (lb).",
    );
    expect(MISTAKES['pool-misses-service'].why(r)).toBe('the Service gets no LoadBalancer IP, so nothing advertises or serves 20.1.10.2. pod-to-pod passes.');
    expect(FAULTS['link-loss-hidden-by-switch'].why(r)).toBe(
      "router0 no longer sees server1's link go down, so only the hold time ends its session with server1: it has not dropped server1 when the " +
        'check gives up, 2.6 s on (its bound, 0.606 s, the measured allowance for BIRD and the kernel, and 2 s more), and there is no "after" to judge. ' +
        'Everything else crosses the switch unchanged.',
    );
    expect(FAULTS['speaker-stops-without-notification'].why(r)).toMatch(/for the graceful restart time, 15 s: router0 has not dropped server1 when the check gives up, 2\.6 s on \(its bound, 0\.606 s, and 2 s more\)/);
    expect(FAULTS['speaker-back-after-restart-time'].what(r)).toBe(
      "server1's Cilium speaker, killed, starts again only after the lab's graceful restart time (15 s) and BIRD's flush after it (the failover allowance, 2.847 s) have passed, as an agent too slow to come back",
    );
    expect(MISTAKES['restart-time-beyond-bound'].what(r)).toBe('the peer config sets a graceful restart time of 60 s instead of 15 s');
    expect(MISTAKES['restart-time-beyond-bound'].why(r)).toMatch(/^a crashed speaker's routes stay 60 s: router0 still routes via server1 after the 17\.8 s of the lab's 15 s promise/);
  });

  it('names, on a lab whose nodes are renamed and whose faulty server has another link, only that lab\'s nodes and addresses', () => {
    const t = labWith(...RENAMED_NODES, ...MOVED_LINK);
    const r = controlRoles(t);
    expect([r.router, r.faulty, r.backend, r.faultyIp, r.routerIpTowardsFaulty]).toEqual(['edge', 'beta', 'alpha', '10.0.9.2', '10.0.9.1']);
    const said = prose(r);
    expect(said.filter(([, text]) => /router0|server\d|10\.0\.2\.|undefined/.test(text))).toEqual([]);
    expect(FAULTS['router-session-down'].what(r)).toBe("beta's iBGP session to edge is shut (birdc disable on beta)");
    expect(MISTAKES['snat-mode'].why(r)).toMatch(/^beta forwards requests by plain routing from its own address \(10\.0\.9\.2\).* the echo log shows 10\.0\.9\.2 instead of edge's 10\.0\.9\.1\./);
    expect(MISTAKES['wrong-community'].undecided.why(r)).toMatch(/^edge's one path .* through beta, its flows .*; through alpha, no flow enters beta and they fail\.$/);
    expect(FAULTS['flows-steered-by-port'].what(r)).toMatch(/via alpha, the rest via beta\)/);
  });

  it('names, on a lab of three servers, no node that lab does not have', () => {
    const t: Lab = labWith(...withServers(3));
    const nodes = nodeNames(t);
    const named = prose(controlRoles(t)).flatMap(([name, text]) => [...text.matchAll(/\b(?:router|server)\d+\b/g)].map((m) => `${name}: ${m[0]}`));
    expect(named.filter((n) => !nodes.includes(n.split(': ')[1]!))).toEqual([]);
    expect(FAULTS['cilium-session-down'].why(controlRoles(t))).toMatch(/^router0 has the VIP via server0 and server2 only\./);
  });
});
