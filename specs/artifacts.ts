// Where a spec's packet captures go: a directory per test, removed when the test passes and kept,
// named in the failure message, when it fails.
import { rmSync } from 'node:fs';
import { expect, inject, onTestFinished } from 'vitest';
import { artifactDir } from '../lab/artifacts.js';

export function artifactDirForThisTest(): string {
  const dir = artifactDir(inject('fabric').runId, expect.getState().currentTestName ?? 'test');
  onTestFinished(({ task }) => {
    if (task.result?.state === 'pass') rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}
