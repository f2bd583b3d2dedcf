import type { KindDescription } from '../kind/description.js';
import type { NetnsDescription } from '../netns/description.js';

/** What the global setup hands the specs (and what LAB_REUSE=1 attaches to); one variant per fabric. */
export type FabricDescription = NetnsDescription | KindDescription;
