// `npm run bench:scale -- [SIZES] [RUNS]`: the cost of a bigger lab. For each size (default 2,4,8
// servers), a copy of the lab with that many servers, made the way a user adds one (lab/description/
// lab-variants.ts: a kind worker, a containerlab node and link, a BIRD config, router0's peer), is brought
// up and down RUNS times (time to converged) and run through the whole conformance suite RUNS times.
// Prints a table of medians, and the cost of each server added past two.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { readLab } from '../lab/description/index.js';
import { copyLab, labEnv } from '../lab/description/lab-copy.js';
import { withServers } from '../lab/description/lab-variants.js';
import { startNetnsFabric } from '../lab/netns/lifecycle.js';
import { repoRoot, vitestEntry } from '../lab/util/paths.js';
import { Progress } from '../lab/run/progress.js';
import { median } from './bench-figures.js';

const sizes = (process.argv[2] ?? '2,4,8').split(',').map(Number);
const runs = Number(process.argv[3] ?? 3);
if (sizes.some((n) => !Number.isInteger(n) || n < 2) || !Number.isInteger(runs) || runs < 1) {
  process.stderr.write('usage: npm run bench:scale -- [SIZES, e.g. 2,4,8 (each >= 2)] [RUNS >= 1]\n');
  process.exit(2);
}

interface Row {
  readonly servers: number;
  readonly convergedMs: number;
  readonly suiteMs: number;
  readonly checks: string;
}

const rows: Row[] = [];
for (const servers of sizes) {
  const dir = mkdtempSync(join(tmpdir(), `lab-${servers}-servers-`));
  try {
    const files = copyLab(dir, withServers(servers));
    const converged: number[] = [];
    const suite: number[] = [];
    let checks = '';
    for (let i = 0; i < runs; i++) {
      const progress = new Progress(`bench ${servers} servers`, () => {});
      (await startNetnsFabric(readLab(files), progress, { keep: false })).finish();
      converged.push(progress.elapsedMs());
      const start = performance.now();
      const run = await execa(process.execPath, [vitestEntry, 'run', '--project', 'conformance'], { cwd: repoRoot, env: labEnv(files), reject: false, all: true, stdin: 'ignore' });
      suite.push(performance.now() - start);
      checks = /^tests: .*$/m.exec(String(run.all))?.[0] ?? `exit ${run.exitCode}`;
      if (run.exitCode !== 0) throw new Error(`the suite failed on ${servers} servers (${checks}):\n${String(run.all).slice(-4000)}`);
      process.stderr.write(`${servers} servers, run ${i + 1}/${runs}: converged ${(converged.at(-1)! / 1000).toFixed(2)} s, suite ${(suite.at(-1)! / 1000).toFixed(1)} s (${checks})\n`);
    }
    rows.push({ servers, convergedMs: median(converged), suiteMs: median(suite), checks });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const s = (ms: number): string => (ms / 1000).toFixed(2);
const base = rows.find((r) => r.servers === 2) ?? rows[0]!;
const perServer = (r: Row, key: 'convergedMs' | 'suiteMs'): string => (r === base ? '' : `${s((r[key] - base[key]) / (r.servers - base.servers))} s`);
process.stdout.write(
  [
    `median of ${runs} runs each (time to converged: bring-up to every session and route; suite: the conformance specs, bring-up and teardown included)`,
    '| servers | time to converged | per added server | conformance suite | per added server | checks |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.servers} | ${s(r.convergedMs)} s | ${perServer(r, 'convergedMs')} | ${s(r.suiteMs)} s | ${perServer(r, 'suiteMs')} | ${r.checks.replace(/^tests: /, '')} |`),
  ].join('\n') + '\n',
);
