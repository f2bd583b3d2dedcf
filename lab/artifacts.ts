// Evidence that failing specs keep (packet captures): artifacts/<run id>/<test>/. A passing test removes
// its own; a run removes what earlier runs kept once those runs are gone, never a live run's.
import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
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

/** At the end of a run: its artifact directory goes if no failing test kept anything in it. */
export function removeArtifactDirIfEmpty(runId: string): void {
  const dir = join(artifactsRoot, runId);
  if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
}

/** An interrupted run's captures are incomplete and prove nothing: they go with the fabric. */
export function removeArtifactsOfRun(runId: string): void {
  rmSync(join(artifactsRoot, runId), { recursive: true, force: true });
}
