// `sudo npm run test:controls [-- FAULT...]`: the negative controls. Runs the conformance suite once per
// fault of lab/faults.ts (bring-up with the fault, specs, teardown) and checks that exactly the specs
// the fault breaks fail. Prints a table; exits 1 on any mismatch. A mismatching run's output is kept
// under artifacts/controls/.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { removeArtifactsOfEndedRuns } from '../lab/artifacts.js';
import { FAULT_NAMES, FAULTS, SPECS, type FaultName, type SpecName } from '../lab/faults.js';
import { liveRunIds } from '../lab/run/runs.js';
import { artifactsRoot, repoRoot } from '../lab/paths.js';

interface JsonReport {
  testResults?: { name: string; status: string }[];
}

const requested = process.argv.slice(2);
const unknown = requested.filter((f) => !(FAULT_NAMES as readonly string[]).includes(f));
if (unknown.length > 0) {
  process.stderr.write(`unknown fault ${unknown.join(', ')}; the faults are ${FAULT_NAMES.join(', ')}\n`);
  process.exit(2);
}
const faults = (requested.length > 0 ? requested : FAULT_NAMES) as FaultName[];
const logDir = join(artifactsRoot, 'controls');
rmSync(logDir, { recursive: true, force: true });
mkdirSync(logDir, { recursive: true });

interface Row {
  fault: FaultName;
  expected: readonly SpecName[];
  failed: SpecName[];
  ok: boolean;
  seconds: number;
  note: string;
}

async function control(fault: FaultName): Promise<Row> {
  const report = join(logDir, `${fault}.json`);
  const started = performance.now();
  const run = await execa('npx', ['vitest', 'run', '--project', 'conformance', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
    cwd: repoRoot,
    env: { LAB_FAULT: fault },
    reject: false,
    all: true,
    stdin: 'ignore',
  });
  const seconds = (performance.now() - started) / 1000;
  let results: { name: string; status: string }[] = [];
  try {
    results = (JSON.parse(readFileSync(report, 'utf8')) as JsonReport).testResults ?? [];
  } catch {
    // no report: the run failed before any spec (bring-up); said below
  }
  const ran = new Set(results.map((r) => basename(r.name).replace(/\.spec\.ts$/, '')));
  const failed = SPECS.filter((spec) => results.some((r) => basename(r.name) === `${spec}.spec.ts` && r.status !== 'passed'));
  const expected = FAULTS[fault].breaks;
  const missing = SPECS.filter((spec) => !ran.has(spec));
  const ok = missing.length === 0 && failed.length === expected.length && expected.every((s) => failed.includes(s));
  const note = missing.length > 0 ? `did not run: ${missing.join(', ')}` : '';
  if (ok) {
    rmSync(report, { force: true });
    // the captures of the specs that failed as expected prove nothing more
    removeArtifactsOfEndedRuns(liveRunIds());
  }
  else writeFileSync(join(logDir, `${fault}.log`), run.all ?? '');
  return { fault, expected, failed, ok, seconds, note };
}

const rows: Row[] = [];
for (const fault of faults) {
  const row = await control(fault);
  rows.push(row);
  process.stderr.write(`[controls] ${fault}: ${row.ok ? 'as expected' : 'MISMATCH'} (${row.seconds.toFixed(1)} s)\n`);
}

const header = ['fault', 'specs expected to fail', 'specs that failed', 'verdict'];
const table = rows.map((r) => [r.fault, r.expected.join(', '), r.failed.join(', ') || '-', r.ok ? 'ok' : `MISMATCH${r.note ? ` (${r.note})` : ''}`]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
process.stdout.write(
  [line(header), line(widths.map((w) => '-'.repeat(w))), ...table.map(line)].join('\n') +
    `\n\ncontrols: ${rows.filter((r) => r.ok).length} passed, ${rows.filter((r) => !r.ok).length} failed\n`,
);
if (rows.every((r) => r.ok)) rmSync(logDir, { recursive: true, force: true });
else process.stdout.write(`the output of each mismatching run is in ${logDir}\n`);
process.exit(rows.every((r) => r.ok) ? 0 : 1);
