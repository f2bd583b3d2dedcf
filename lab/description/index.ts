// The lab's description in one import: its types (lab.ts), its reader (read-lab.ts) and the questions
// the harness asks of it (queries.ts).
export type * from './lab.js';
export type { BirdSession } from './bird-config.js';
export { DEFAULT_LAB_FILES, readLab } from './read-lab.js';
export * from './queries.js';
