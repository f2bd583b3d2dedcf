// Which spec files share the fabric the global setup brings up, and which disrupt a fabric (kill its
// speaker, take its uplink down): on the netns fabric each disruptive file runs on a fabric of its own,
// brought up for it, at the same time as the others; on kind (one cluster, one name) they run on the one
// fabric, after the others. The vitest config, the global setup and the specs read it from here.
import { basename } from 'node:path';
import { SPECS, type SpecName } from '../lab/checks/spec-names.js';
import type { FabricKind } from '../lab/fabric/fabric-contract.js';

/** How a spec file gets its fabric. Example: "own" (failover-uplink-down.spec.ts on netns) */
export type FabricUse = 'shared' | 'own';

/**
 * The spec files that share the global fabric, in the order they run, one at a time: they send traffic
 * and capture packets on the same nodes (ecmp sets router0's multipath hash policy, which lb's and
 * dsr's flows depend on), so two at once would disturb each other. Example: "dsr.spec.ts"
 */
export const SHARED_SPEC_FILES = ['bgp.spec.ts', 'pod-to-pod.spec.ts', 'lb.spec.ts', 'ecmp.spec.ts', 'dsr.spec.ts'] as const;

/**
 * The disruptive spec files that take most of the lab's 15 s restart time: the late restart is away most
 * of it, then watched a keepalive interval; the speaker crash waits it out. About 18 s each.
 */
export const LONG_DISRUPTIVE_SPEC_FILES = ['graceful-restart-late.spec.ts', 'failover-speaker-crash.spec.ts'] as const;

/**
 * The spec files that disrupt the fabric, longest first, so that the longest start first. Example:
 * "graceful-restart-late.spec.ts"
 */
export const DISRUPTIVE_SPEC_FILES = [
  ...LONG_DISRUPTIVE_SPEC_FILES,
  'graceful-restart-quick.spec.ts',
  'failover-speaker-withdrawn.spec.ts',
  'failover-uplink-down.spec.ts',
] as const;

/**
 * Workers enough for the conformance specs run on their own (`--maxWorkers`, in the controls' runs):
 * one for each long disruptive file, and one in which the other files take turns (about 15 s together,
 * less than a long one). Each worker imports the harness once, about 0.35 s of CPU; the controls run three
 * suites at once on two cores, bound by their CPU. `npm test` keeps a worker a file: its unit tests take
 * the workers the short files leave.
 */
export const CONFORMANCE_ALONE_WORKERS = LONG_DISRUPTIVE_SPEC_FILES.length + 1;

/** The spec (lab/checks/catalog.ts) whose checks a spec file runs: its name, or its name's start (failover's ways and the restarts have a file each). Example: "failover" */
export function specOf(file: string): SpecName {
  const name = basename(file).replace(/\.spec\.ts$/, '');
  const spec = SPECS.find((s) => name === s || name.startsWith(`${s}-`));
  if (!spec) throw new Error(`${basename(file)} is named for no spec of lab/checks/catalog.ts (${SPECS.join(', ')})`);
  return spec;
}

/**
 * The checks a spec file runs: those of its spec whose id starts with this. A file named after its spec
 * runs them all; failover's and graceful restart's files each run one way or restart. Example:
 * "failover/uplink-down/" (failover-uplink-down.spec.ts), "dsr/" (dsr.spec.ts)
 */
export function checkPrefixOf(file: string): string {
  const name = basename(file).replace(/\.spec\.ts$/, '');
  const spec = specOf(file);
  return name === spec ? `${spec}/` : `${spec}/${name.slice(spec.length + 1)}/`;
}

/** Whether a spec file (a path or a name) disrupts the fabric. */
export function isDisruptive(file: string): boolean {
  return (DISRUPTIVE_SPEC_FILES as readonly string[]).includes(basename(file));
}

/** Where a spec file runs: disruptive ones on a fabric of their own, except on kind, whose cluster is one. */
export function fabricUse(file: string, fabric: FabricKind): FabricUse {
  return isDisruptive(file) && fabric === 'netns' ? 'own' : 'shared';
}

/** The rank of a spec file in the order the conformance specs start: on netns the disruptive first (each in its own worker), on kind last. */
export function specRank(file: string, fabric: FabricKind): number {
  const shared = (SHARED_SPEC_FILES as readonly string[]).indexOf(basename(file));
  const disruptive = (DISRUPTIVE_SPEC_FILES as readonly string[]).indexOf(basename(file));
  if (disruptive >= 0) return fabric === 'netns' ? disruptive : SHARED_SPEC_FILES.length + disruptive;
  if (shared >= 0) return fabric === 'netns' ? DISRUPTIVE_SPEC_FILES.length + shared : shared;
  return SHARED_SPEC_FILES.length + DISRUPTIVE_SPEC_FILES.length;
}
