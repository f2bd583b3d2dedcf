// `sudo npx tsx scripts/removal-times.ts [RUNS] [JOBS]`: runs the failover spec files (one per way) RUNS times (JOBS at once,
// each on its own fabric; default 20 and 1) and prints, per way a server stops advertising, how long
// router0 took to drop its next hop, and that time less what the protocol keeps the routes (the bound's
// protocol part): the processing time failover-bounds.ts derives its allowance from. Read from the pass
// messages of the removal checks ("dropped 0.004 s after …") in vitest's JUnit report.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { mapConcurrently } from '../lab/util/concurrently.js';
import { disruptedServer, readLab } from '../lab/description/index.js';
import { FAILOVER_WAYS } from '../lab/checks/failover-bounds.js';
import { repoRoot, vitestEntry } from '../lab/util/paths.js';

const runs = Number(process.argv[2] ?? 20);
const jobs = Number(process.argv[3] ?? 1);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(jobs) || jobs < 1) {
  process.stderr.write('usage: npx tsx scripts/removal-times.ts [RUNS >= 1] [JOBS >= 1]\n');
  process.exit(2);
}
const lab = readLab();
const server = disruptedServer(lab);
const dir = mkdtempSync(join(tmpdir(), 'removal-times-'));

/** One run's removal times in ms, by way id; a way whose removal check did not pass is absent. */
async function oneRun(i: number): Promise<Map<string, number>> {
  const report = join(dir, `run-${i}.xml`);
  const run = await execa(process.execPath, [vitestEntry, 'run', '--project', 'conformance', 'specs/failover-', '--reporter=junit', `--outputFile.junit=${report}`], { cwd: repoRoot, reject: false, stdin: 'ignore', all: true });
  if (!existsSync(report)) throw new Error(`run ${i + 1} wrote no report (exit ${run.exitCode}):\n${String(run.all).slice(-2000)}`);
  const xml = readFileSync(report, 'utf8').replaceAll('&apos;', "'");
  const times = new Map<string, number>();
  for (const way of FAILOVER_WAYS) {
    const seconds = new RegExp(`dropped ([0-9.]+) s after ${way.describe(server).replace(/[()]/g, '\\$&')} `).exec(xml)?.[1];
    if (seconds !== undefined) times.set(way.id, Number(seconds) * 1000);
  }
  process.stderr.write(`run ${i + 1}/${runs}: ${[...times].map(([id, ms]) => `${id} ${ms} ms`).join(', ')}\n`);
  return times;
}

/** The nearest-rank percentile: with fewer than 100 samples, the 99th is the largest. */
const percentile = (sorted: readonly number[], p: number): number => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;

const results = await mapConcurrently(Array.from({ length: runs }, (_, i) => i), jobs, oneRun);
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${runs} runs of the failover spec, ${jobs} at once, ${new Date().toISOString()}\n`);
for (const way of FAILOVER_WAYS) {
  const protocolMs = way.bound(lab, server).protocolMs;
  const excess = results.flatMap((r) => (r.has(way.id) ? [r.get(way.id)! - protocolMs] : [])).sort((a, b) => a - b);
  if (excess.length === 0) {
    process.stdout.write(`${way.id}: no removal passed its check\n`);
    continue;
  }
  const median = percentile(excess, 50);
  process.stdout.write(
    `${way.id}: removal less the protocol's ${protocolMs} ms, over ${excess.length} runs: median ${median.toFixed(0)} ms, p99 ${percentile(excess, 99).toFixed(0)} ms, ` +
      `min ${excess[0]!.toFixed(0)} ms, max ${excess.at(-1)!.toFixed(0)} ms; all: ${excess.map((x) => x.toFixed(0)).join(' ')}\n`,
  );
}
