// `npm run bench -- [UP_DOWN_RUNS] [SUITE_RUNS]`: brings the netns fabric up and down several times and
// runs the whole `npm test` several times; prints median, min and max of each figure, and which gobgpd and
// BIRD it ran, so that figures from different machines or set-ups can be compared.
import { performance } from 'node:perf_hooks';
import { $ } from 'zx';
import { resolveSpeaker } from '../lab/gobgp/speaker-binaries.js';
import { birdVersion } from '../lab/netns/bird.js';
import { startNetnsFabric } from '../lab/netns/lifecycle.js';
import { Progress } from '../lab/run/progress.js';
import { readLab } from '../lab/description/index.js';
import { summary } from './bench-figures.js';

const topology = readLab();

const upDownRuns = Number(process.argv[2] ?? 5);
const suiteRuns = Number(process.argv[3] ?? 3);
if (!Number.isInteger(upDownRuns) || upDownRuns < 1 || !Number.isInteger(suiteRuns) || suiteRuns < 0) {
  process.stderr.write('usage: npm run bench -- [UP_DOWN_RUNS >= 1] [SUITE_RUNS >= 0]\n');
  process.exit(2);
}

const speaker = await resolveSpeaker();
const ran = `ran: gobgpd ${speaker.version} (${speaker.origin}), BIRD ${await birdVersion()}`;
process.stderr.write(`${ran}\n`);

const converged: number[] = [];
const teardown: number[] = [];
for (let i = 0; i < upDownRuns; i++) {
  const progress = new Progress(`bench ${i + 1}/${upDownRuns}`, () => {});
  const running = await startNetnsFabric(topology, progress, { keep: false });
  converged.push(progress.elapsedMs());
  const start = performance.now();
  running.finish();
  teardown.push(performance.now() - start);
  process.stderr.write(`up/down ${i + 1}/${upDownRuns}: converged ${(converged.at(-1)! / 1000).toFixed(2)} s, teardown ${(teardown.at(-1)! / 1000).toFixed(2)} s\n`);
}

const suite: number[] = [];
for (let i = 0; i < suiteRuns; i++) {
  const start = performance.now();
  await $({ stdio: 'ignore' })`npm test`;
  suite.push(performance.now() - start);
  process.stderr.write(`suite ${i + 1}/${suiteRuns}: ${(suite.at(-1)! / 1000).toFixed(2)} s\n`);
}

process.stdout.write(
  [
    ran,
    summary('time to converged', converged),
    summary('teardown', teardown),
    ...(suite.length > 0 ? [summary('npm test', suite)] : []),
  ].join('\n') + '\n',
);
