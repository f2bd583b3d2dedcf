// Where a spec's packet captures go: a directory per test under artifacts/, removed when the test
// passes and kept, named in the failure message, when it fails.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, onTestFinished } from 'vitest';
import { artifactsRoot } from '../lab/paths.js';

export function artifactDirForThisTest(): string {
  const name = expect.getState().currentTestName ?? 'test';
  const dir = join(artifactsRoot, name.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '').slice(0, 120));
  onTestFinished(({ task }) => {
    if (task.result?.state === 'pass') rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}
