// Where a spec's packet captures go: a folder per test, or one a spec's tests share when they judge the
// same traffic. A folder is removed when every test that used it passed, and kept, named in the failure
// message, when one failed.
import { rmSync } from 'node:fs';
import { afterAll, expect, inject, onTestFinished } from 'vitest';
import { artifactDir } from '../lab/artifacts.js';

export function artifactDirForThisTest(): string {
  const dir = artifactDir(inject('fabric').runId, expect.getState().currentTestName ?? 'test');
  onTestFinished(({ task }) => {
    if (task.result?.state === 'pass') rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/**
 * A folder the tests of the calling describe block share: call at collection, then in each test call
 * the function it returns. Removed after the block if every test that asked for it passed.
 */
export function sharedArtifactDir(name: string): () => string {
  const dir = artifactDir(inject('fabric').runId, name);
  let kept = false;
  afterAll(() => {
    if (!kept) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    onTestFinished(({ task }) => {
      if (task.result?.state !== 'pass') kept = true;
    });
    return dir;
  };
}
