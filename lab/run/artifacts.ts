// Evidence that failing specs keep (packet captures, state dumps) and each run's page (report.html):
// artifacts/<run id>/. A passing test removes its own evidence; a run removes what earlier runs kept once
// those runs are gone, but for the newest few (their pages, which the history's trends point back to),
// and never a live run's.
import { existsSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsRoot } from '../util/paths.js';

/** A test's name as a folder name: its words joined by dashes, at most `max` characters. Example: "dsr-flows-into-server1-go-on" */
export const slug = (text: string, max: number): string => text.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '').slice(0, max);

export function artifactDir(runId: string, testName: string): string {
  return join(artifactsRoot, runId, slug(testName, 120));
}

/** A run folder's name: its run id. Example: "0a1b2c" */
export const RUN_ID = /^[0-9a-f]{6}$/;

/** How many ended runs keep their artifacts (their page, and a failing run's evidence): enough to compare the last few runs. */
export const KEPT_RUNS = 10;

/**
 * Removes the artifacts of runs that are not among `liveRunIds`, but for the newest `keep` of those with a
 * page; other entries (controls/, history) stay. An ended run's folder without its page is what a run
 * killed outright (kill -9) left, or a disruptive spec's own fabric's evidence, which its run's page
 * copied into its own files/: it goes whatever its age.
 */
export function removeArtifactsOfEndedRuns(liveRunIds: readonly string[], keep = KEPT_RUNS, root = artifactsRoot): void {
  if (!existsSync(root)) return;
  const ended = readdirSync(root).filter((entry) => RUN_ID.test(entry) && !liveRunIds.includes(entry));
  const withPage = ended
    .filter((entry) => existsSync(join(root, entry, 'report.html')))
    .map((entry) => ({ entry, at: statSync(join(root, entry)).mtimeMs }))
    .sort((a, b) => b.at - a.at)
    .map(({ entry }) => entry);
  const kept = new Set(withPage.slice(0, keep));
  for (const entry of ended) if (!kept.has(entry)) rmSync(join(root, entry), { recursive: true, force: true });
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
