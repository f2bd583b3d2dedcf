// `sudo npm run test:controls [-- NAME...]`: the negative controls. Runs the conformance suite once per
// fault of lab/faults.ts (the running lab broken, netns only) and once per mistake of lab/mistakes.ts (a
// copy of manifests/ with one mistake, through LAB_MANIFESTS, on the fabric LAB_FABRIC names), and checks
// that exactly the specs each breaks fail. Prints a table; exits 1 on any mismatch. A mismatching run's
// output is kept under artifacts/controls/.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { removeArtifactsOfEndedRuns } from '../lab/artifacts.js';
import { FAULT_NAMES, FAULTS, SPECS, type SpecName } from '../lab/faults.js';
import { checkResults, coverage, coverageTable, type CheckResult, type JsonReport } from '../lab/control-coverage.js';
import { manifestsWith, MISTAKE_NAMES, MISTAKES } from '../lab/mistakes.js';
import { liveRunIds } from '../lab/run/runs.js';
import { artifactsRoot, repoRoot } from '../lab/paths.js';


const ALL = [...FAULT_NAMES, ...MISTAKE_NAMES] as string[];
const requested = process.argv.slice(2);
const unknown = requested.filter((f) => !ALL.includes(f));
if (unknown.length > 0) {
  process.stderr.write(`unknown control ${unknown.join(', ')}; the faults are ${FAULT_NAMES.join(', ')}; the mistakes are ${MISTAKE_NAMES.join(', ')}\n`);
  process.exit(2);
}
const controls = requested.length > 0 ? requested : ALL;
// Faults are made in the netns fabric; mistakes run on whichever fabric LAB_FABRIC names.
const onKind = process.env.LAB_FABRIC === 'kind';
const logDir = join(artifactsRoot, 'controls');
rmSync(logDir, { recursive: true, force: true });
mkdirSync(logDir, { recursive: true });

interface Row {
  control: string;
  type: 'fault' | 'mistake';
  expected: readonly SpecName[];
  failed: SpecName[];
  ok: boolean;
  seconds: number;
  note: string;
  /** each check's result in this control's run, for the coverage table */
  checks: CheckResult[];
}

/** The environment and the expected failures of one control, and what to remove after it. */
function setUp(name: string): { type: Row['type']; env: Record<string, string>; expected: readonly SpecName[]; cleanup: () => void } {
  if (name in FAULTS) {
    const fault = name as keyof typeof FAULTS;
    return { type: 'fault', env: { LAB_FAULT: fault }, expected: FAULTS[fault].breaks, cleanup: () => {} };
  }
  const mistake = MISTAKES[name as keyof typeof MISTAKES];
  const dir = manifestsWith([mistake.change]);
  return { type: 'mistake', env: { LAB_MANIFESTS: dir }, expected: mistake.breaks, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function control(name: string): Promise<Row> {
  const report = join(logDir, `${name}.json`);
  const { type, env, expected, cleanup } = setUp(name);
  const started = performance.now();
  const run = await execa('npx', ['vitest', 'run', '--project', 'conformance', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
    cwd: repoRoot,
    env,
    reject: false,
    all: true,
    stdin: 'ignore',
  }).finally(cleanup);
  const seconds = (performance.now() - started) / 1000;
  let results: { name: string; status?: string }[] = [];
  let checks: CheckResult[] = [];
  try {
    const parsed = JSON.parse(readFileSync(report, 'utf8')) as JsonReport & { testResults?: { name: string; status?: string }[] };
    results = parsed.testResults ?? [];
    checks = checkResults(parsed);
  } catch {
    // no report: the run failed before any spec (bring-up); said below
  }
  const ran = new Set(results.map((r) => basename(r.name).replace(/\.spec\.ts$/, '')));
  const failed = SPECS.filter((spec) => results.some((r) => basename(r.name) === `${spec}.spec.ts` && r.status !== 'passed'));
  const missing = SPECS.filter((spec) => !ran.has(spec));
  const ok = missing.length === 0 && failed.length === expected.length && expected.every((s) => failed.includes(s));
  const note = missing.length > 0 ? `did not run: ${missing.join(', ')}` : '';
  if (ok) {
    rmSync(report, { force: true });
    // the captures of the specs that failed as expected prove nothing more
    removeArtifactsOfEndedRuns(liveRunIds());
  }
  else writeFileSync(join(logDir, `${name}.log`), run.all ?? '');
  return { control: name, type, expected, failed, ok, seconds, note, checks };
}

const rows: Row[] = [];
for (const name of controls.filter((c) => !(onKind && c in FAULTS))) {
  const row = await control(name);
  rows.push(row);
  process.stderr.write(`[controls] ${row.type} ${name}: ${row.ok ? 'as expected' : 'MISMATCH'} (${row.seconds.toFixed(1)} s)\n`);
}

// Which checks the controls kill, check by check (issue 11 will make an unkilled check fail the run).
process.stdout.write(`${coverageTable(coverage(new Map(rows.map((r) => [r.control, r.checks]))))}\n`);

const header = ['control', 'kind', 'specs expected to fail', 'specs that failed', 'verdict'];
const table = rows.map((r) => [r.control, r.type, r.expected.join(', '), r.failed.join(', ') || '-', r.ok ? 'ok' : `MISMATCH${r.note ? ` (${r.note})` : ''}`]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
process.stdout.write(
  [line(header), line(widths.map((w) => '-'.repeat(w))), ...table.map(line)].join('\n') +
    `\n\ncontrols: ${rows.filter((r) => r.ok).length} passed, ${rows.filter((r) => !r.ok).length} failed\n`,
);
if (rows.every((r) => r.ok)) rmSync(logDir, { recursive: true, force: true });
else process.stdout.write(`the output of each mismatching run is in ${logDir}\n`);
process.exit(rows.every((r) => r.ok) ? 0 : 1);
