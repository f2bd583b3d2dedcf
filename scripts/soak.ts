// `sudo npm run soak -- N`: runs the conformance suite N times back to back and, after each run, counts
// what it left behind (lab/run/leftovers.ts). Prints the pass count and the leftovers; exits 1 on any failed
// run or leftover. A failed run's failures are printed, and the folders it made under artifacts/ (its
// page, its captures) are moved to artifacts/soak-run-N-RUN_ID/ so that later runs do not remove them.
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { stripVTControlCharacters } from 'node:util';
import { execa } from 'execa';
import { RUN_ID } from '../lab/run/artifacts.js';
import { countLeftovers, describeLeftovers, leftoversAfterCleanup, observeLeftovers } from '../lab/run/leftovers.js';
import { artifactsRoot, repoRoot, vitestEntry } from '../lab/util/paths.js';

const runs = Number(process.argv[2] ?? 10);
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write('usage: npm run soak -- N (N >= 1 runs)\n');
  process.exit(2);
}

const baseline = await observeLeftovers();
let passed = 0;
let leftovers = 0;
/** The run folders under artifacts/ (lab/run/artifacts.ts), to tell the ones a run made. */
const runFolders = (): string[] => (existsSync(artifactsRoot) ? readdirSync(artifactsRoot).filter((entry) => RUN_ID.test(entry)) : []);

for (let i = 1; i <= runs; i++) {
  const before = runFolders();
  const started = performance.now();
  const run = await execa(process.execPath, [vitestEntry, 'run', '--project', 'conformance'], { cwd: repoRoot, reject: false, all: true, stdin: 'ignore', env: { BGPLAB_HISTORY_SOURCE: 'soak' } });
  const ok = run.exitCode === 0;
  // a failed run's folders (its page, and its own fabrics' evidence) move out of the way of the newest-10 rule
  const kept = ok ? [] : runFolders().filter((runId) => !before.includes(runId));
  kept.forEach((runId) => renameSync(join(artifactsRoot, runId), join(artifactsRoot, `soak-run-${i}-${runId}`)));
  const left = { ...(await leftoversAfterCleanup(baseline)), ...(ok ? {} : { artifacts: [] }) };
  passed += ok ? 1 : 0;
  leftovers += countLeftovers(left);
  process.stdout.write(
    `run ${i}/${runs}: ${ok ? 'passed' : `FAILED (exit ${run.exitCode})`} in ${((performance.now() - started) / 1000).toFixed(1)} s; left behind: ${describeLeftovers(left)}\n`,
  );
  if (!ok) {
    const plain = stripVTControlCharacters(String(run.all));
    const failed = plain.indexOf('Failed Tests');
    process.stdout.write(`${failed >= 0 ? plain.slice(failed, failed + 6000) : plain.slice(-6000)}\n`);
    if (kept.length > 0) process.stdout.write(`its page and captures: ${kept.map((id) => join(artifactsRoot, `soak-run-${i}-${id}`)).join(', ')}\n`);
  }
}
process.stdout.write(`\nsoak: ${passed} passed, ${runs - passed} failed; ${leftovers} leftovers\n`);
process.exit(passed === runs && leftovers === 0 ? 0 : 1);
