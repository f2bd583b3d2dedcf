// A conformance run as the page draws it: plain JSON, written to artifacts/<run>/run.json, so that the
// page is a pure function of it (render-report.ts) and a recorded run (fixtures/report/) can be drawn in
// the tests. The reporter (run-report-reporter.ts) makes it from vitest's results and annotations.
import type { Figure } from '../checks/figures.js';
import type { Lab } from '../description/index.js';

/** Who ran it: the suite (npm test, vitest), the soak, or a negative control. */
export type RunSource = 'test' | 'soak' | 'control';

/** An evidence file, copied beside the page. Example: {"kind":"capture","name":"server1-net0-out.pcap","href":"files/dsr-traffic/server1-net0-out.pcap","original":"/…/server1-net0-out.pcap"} */
export interface EvidenceFile {
  readonly kind: 'capture' | 'state-dump';
  readonly name: string;
  /** relative to the page */
  readonly href: string;
  /** where the check wrote it (the figures name captures by it) */
  readonly original: string;
  /** a state dump's text, shown in the page (cut to a size) */
  readonly text?: string;
}

export interface RecordedCheck {
  /** the catalog's id ("dsr/option-on-syn-only"), or the title where the catalog has none */
  readonly id: string;
  readonly title: string;
  /** the spec file's name: "dsr" */
  readonly spec: string;
  /** the describe blocks it is under: ["sessions"] */
  readonly groups: readonly string[];
  readonly state: 'passed' | 'failed' | 'skipped';
  readonly durationMs: number;
  /** a pass's observation, a failure's message, a skip's reason */
  readonly message: string;
  readonly symptoms: readonly string[];
  readonly figures: readonly Figure[];
  readonly files: readonly EvidenceFile[];
}

export interface RecordedRun {
  readonly runId: string;
  /** ISO time the run ended */
  readonly endedAt: string;
  readonly durationMs: number;
  readonly fabric: 'netns' | 'kind';
  readonly faults: readonly string[];
  readonly source: RunSource;
  /** the control's name, for a control's run */
  readonly control?: string;
  /** check ids a control must fail: their failures are expected, not flakes */
  readonly expectedFailures?: readonly string[];
  readonly convergedMs?: number;
  readonly lab: Lab;
  /** each pod's address as the fabric gave it, by pod key. Example: {"tenant-green/ubuntu-echo":"10.1.0.2"} */
  readonly podIps?: Readonly<Record<string, string>>;
  readonly checks: readonly RecordedCheck[];
  /** a failure outside any check (an unhandled error, a spec file that did not load) */
  readonly otherErrors: readonly string[];
}
