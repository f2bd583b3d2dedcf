// vitest's global setup for the unit tests: the tests of the `lab` command run bin/lab.mjs as a user does,
// so they need its build (.build/js/) made from lab/ as it is now; with a stale one, bin/lab.mjs would
// compile at start and say so. Builds it if it is stale or absent (about half a second), and again before
// each rerun in watch mode, where lab/ may have changed since.
import type { TestProject } from 'vitest/node';
import { buildCliIfStale } from '../scripts/cli-build.js';

async function build(): Promise<void> {
  const built = await buildCliIfStale();
  if (built) process.stdout.write(`unit tests: built the lab command into .build/js/ in ${built.milliseconds} ms\n`);
}

export default async function setup(project: TestProject): Promise<void> {
  await build();
  project.onTestsRerun(build);
}
