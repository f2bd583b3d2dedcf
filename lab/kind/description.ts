import type { KindLab } from './names.js';

/** What the global setup hands the specs for the kind fabric. */
export interface KindDescription {
  readonly fabric: 'kind';
  readonly runId: string;
  readonly runDir: string;
  readonly kubeconfig: string;
  readonly lab: KindLab;
  /** the manifests folder the lab was brought up from (LAB_MANIFESTS) */
  readonly manifests: string;
}
