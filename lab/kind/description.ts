import type { Lab } from '../description/index.js';
import type { KindLab } from './names.js';

/** What the global setup hands the specs for the kind fabric. */
export interface KindDescription {
  readonly fabric: 'kind';
  readonly runId: string;
  readonly runDir: string;
  readonly kubeconfig: string;
  /** the lab as its files describe it (for an attached lab: the deployed lab, written by attach under runDir/deployed) */
  readonly lab: Lab;
  /** the names of its cluster, containers and kind nodes */
  readonly names: KindLab;
}
