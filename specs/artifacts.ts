// Where a spec's packet captures go: a folder per test, or one a spec's tests share when they judge the
// same traffic, under the run of the fabric the spec runs on (its own or the shared one). A folder is
// removed when every test that used it passed, and kept, named in the failure message, when one failed.
import { rmSync } from 'node:fs';
import { afterAll, expect, onTestFinished } from 'vitest';
import { artifactDir } from '../lab/run/artifacts.js';

/** The calling test's own folder under the run `runId`. Example: artifacts/3fa9c1/ecmp-l3-hash-... */
export function artifactDirForThisTest(runId: string): string {
  const dir = artifactDir(runId, expect.getState().currentTestName ?? 'test');
  onTestFinished(({ task }) => {
    if (task.result?.state === 'pass') rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/**
 * A folder the tests of the calling describe block share: call at collection, then in each test call
 * the function it returns with the test's run id. Removed after the block if every test that asked for
 * it passed.
 */
export function sharedArtifactDir(name: string): (runId: string) => string {
  const dirs = new Set<string>();
  let kept = false;
  afterAll(() => {
    if (!kept) dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });
  return (runId) => {
    onTestFinished(({ task }) => {
      if (task.result?.state !== 'pass') kept = true;
    });
    const dir = artifactDir(runId, name);
    dirs.add(dir);
    return dir;
  };
}
