// A manifest the netns fabric cannot run stops the run before anything is made: the run fails with the
// reader's one line (here a YAML error, with file, line and column), and leaves nothing behind.
import { rmSync } from 'node:fs';
import { expect, it } from 'vitest';
import { countLeftovers, describeLeftovers, leftoversAfterCleanup, observeLeftovers } from '../lab/run/leftovers.js';
import { manifestsWith } from '../lab/controls/mistakes.js';
import { SuiteRun } from './suite-run.js';

it('a manifest the reader refuses stops the run with its file, line and column, and leaves nothing behind', async () => {
  const baseline = await observeLeftovers();
  const dir = manifestsWith([{ file: 'lb-pool.yaml', from: '  blocks:', to: '  blocks: [' }]);
  try {
    const ended = await new SuiteRun({ LAB_MANIFESTS: dir }).ended;
    expect(ended.code).toBe(1);
    expect(ended.output).toMatch(/lb-pool\.yaml:\d+:\d+: YAML: /);
    expect(ended.output).not.toMatch(/namespaces .* wired/);
    const left = await leftoversAfterCleanup(baseline);
    expect(countLeftovers(left), describeLeftovers(left)).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
