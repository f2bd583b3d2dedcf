// The annotations by which a conformance test hands its evidence to vitest's reporters (the run's page,
// JUnit, vitest's HTML reporter): one per test with the check's id and figures as a JSON attachment, one
// per evidence file (a packet capture, a state dump) with the file as its attachment. The types tell the
// run's page which is which; the summary reporter prints only the plain notices.
import type { Figure } from '../checks/figures.js';

export const ANNOTATION = {
  /** message: the check's id; attachment: CheckEvidence as JSON */
  check: 'lab-check',
  /** message: the file where the check wrote it; attachment: a pcap file (vitest's copy) */
  capture: 'lab-capture',
  /** message: the file where it was written; attachment: one command's output of the fabric's state, kept by a failing test */
  stateDump: 'lab-state-dump',
} as const;

/** What the `check` annotation's attachment holds. Example: {"id":"ecmp/l4-hash-follows-fib","figures":[{"kind":"ecmp-split",...}]} */
export interface CheckEvidence {
  readonly id: string;
  readonly figures: readonly Figure[];
}

/** The pcap files among the figures' captures: each once. */
export function capturesOf(figures: readonly Figure[]): string[] {
  return [...new Set(figures.flatMap((f) => (f.kind === 'dsr-flows' || f.kind === 'ecmp-split' ? f.captures : f.kind === 'load-timeline' ? (f.captures ?? []) : [])))];
}
