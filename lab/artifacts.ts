// Evidence that failing specs keep (packet captures): artifacts/<run id>/<test>/. A passing test removes
// its own; a run removes what earlier runs kept once those runs are gone, never a live run's.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsRoot } from './paths.js';

export function artifactDir(runId: string, testName: string): string {
  return join(artifactsRoot, runId, testName.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '').slice(0, 120));
}

const RUN_ID = /^[0-9a-f]{6}$/;

/** Removes the artifacts of runs that are not among `liveRunIds`; other entries (controls/) stay. */
export function removeArtifactsOfEndedRuns(liveRunIds: readonly string[]): void {
  if (!existsSync(artifactsRoot)) return;
  for (const entry of readdirSync(artifactsRoot)) {
    if (RUN_ID.test(entry) && !liveRunIds.includes(entry)) rmSync(join(artifactsRoot, entry), { recursive: true, force: true });
  }
}
