// `npm run bench:cli -- [RUNS]`: how long `lab pcap` takes as a whole process on a 12-frame capture,
// started from the build (.build/js/, made fresh first) and compiling lab/ at start with tsx (a stand-in
// repository without a build, as test/cli-tree.ts makes one), and through `npx lab` for reference (npx
// adds npm's own start). Prints median, min and max of each, and how many times faster the build starts.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { repoRoot } from '../lab/util/paths.js';
import { cliTree } from '../test/cli-tree.js';
import { buildCliIfStale } from './cli-build.js';

const runs = Number(process.argv[2] ?? 10);
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write('usage: npm run bench:cli -- [RUNS >= 1]\n');
  process.exit(2);
}
const CAPTURE = join(repoRoot, 'fixtures', 'pcap', 'dsr-server1-net0.pcap');
const FRAMES = 12;

/** Times `runs` runs of `argv`, each checked to print every frame and, on stderr, `notice` or nothing. */
function time(argv: readonly string[], notice: 'none' | 'compiled at start'): number[] {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const run = spawnSync(argv[0]!, argv.slice(1), { cwd: repoRoot, encoding: 'utf8' });
    ms.push(performance.now() - start);
    const frames = run.stdout.split('\n').filter(Boolean).length;
    const compiled = run.stderr.includes('compiled at start');
    if (run.status !== 0 || frames !== FRAMES || compiled !== (notice === 'compiled at start')) {
      throw new Error(`\`${argv.join(' ')}\` exited ${run.status} with ${frames} frames (expected ${FRAMES}); stderr: ${run.stderr}`);
    }
  }
  return ms;
}

function median(ms: readonly number[]): number {
  const sorted = [...ms].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function summary(name: string, ms: readonly number[]): string {
  const s = (x: number): string => `${(x / 1000).toFixed(3)} s`;
  return `${name.padEnd(36)} median ${s(median(ms))}   min ${s(Math.min(...ms))}   max ${s(Math.max(...ms))}   (n=${ms.length})`;
}

await buildCliIfStale();
const tree = cliTree('absent');
try {
  const built = time([process.execPath, join(repoRoot, 'bin', 'lab.mjs'), 'pcap', CAPTURE], 'none');
  const compiled = time([process.execPath, join(tree.root, 'bin', 'lab.mjs'), 'pcap', CAPTURE], 'compiled at start');
  const npx = time(['npx', '--no', 'lab', 'pcap', CAPTURE], 'none');
  process.stdout.write(
    [
      summary('node bin/lab.mjs pcap, built', built),
      summary('node bin/lab.mjs pcap, tsx at start', compiled),
      summary('npx lab pcap, built', npx),
      `the build starts ${(median(compiled) / median(built)).toFixed(1)}x faster (median)`,
    ].join('\n') + '\n',
  );
} finally {
  tree.remove();
}
