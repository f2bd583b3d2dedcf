// `sudo npm run test:controls [-- NAME...]`: the negative controls. Runs the conformance suite once per
// fault of lab/controls/faults.ts (the running lab broken, netns only) and once per mistake of lab/controls/mistakes.ts (a
// copy of manifests/ with one mistake, through LAB_MANIFESTS, on the fabric LAB_FABRIC names), reads each
// check's result and symptoms from vitest's JSON report, and judges it against the checks and symptoms
// the control lists (lab/controls/coverage.ts): a check is killed only for its own reason. Prints the coverage (one row per check, with the controls that killed it),
// one row per control, what mismatched, and last `controls: C checks, K killed, U unkilled; F controls,
// E as expected`. Exits 1 on any mismatch, or on an unkilled check when every control ran. A mismatching
// run's output, report, captures and state dumps are kept under artifacts/controls/. CONTROLS_JOBS (default 3; 1 on kind) controls run at once.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { removeArtifactsOfRun } from '../lab/run/artifacts.js';
import { NAMESPACE_PREFIX } from '../lab/run/run-state.js';
import { checkTitles, type CheckId } from '../lab/checks/catalog.js';
import { checkResults, coverage, coverageTable, judgeControl, mismatchLines, summaryLine, type CheckResult, type ControlVerdict, type JsonReport } from '../lab/controls/coverage.js';
import type { Control } from '../lab/controls/control.js';
import { FAULT_NAMES, FAULTS } from '../lab/controls/faults.js';
import { manifestsWith, MISTAKE_NAMES, MISTAKES, type Mistake } from '../lab/controls/mistakes.js';
import { artifactsRoot, repoRoot, vitestEntry } from '../lab/util/paths.js';
import { mapConcurrently } from '../lab/util/concurrently.js';
import { DEFAULT_LAB_FILES, readLab } from '../lab/description/index.js';
import { controlRoles, type ControlRoles } from '../lab/controls/roles.js';
import { CONFORMANCE_ALONE_WORKERS } from '../specs/spec-files.js';

const topology = readLab();

const ALL = [...FAULT_NAMES, ...MISTAKE_NAMES] as string[];
const requested = process.argv.slice(2);
const unknown = requested.filter((f) => !ALL.includes(f));
if (unknown.length > 0) {
  process.stderr.write(`unknown control ${unknown.join(', ')}; the faults are ${FAULT_NAMES.join(', ')}; the mistakes are ${MISTAKE_NAMES.join(', ')}\n`);
  process.exit(2);
}
// Faults are made in the netns fabric; mistakes run on whichever fabric LAB_FABRIC names.
const onKind = process.env.LAB_FABRIC === 'kind';
const controls = (requested.length > 0 ? requested : ALL).filter((c) => !(onKind && c in FAULTS));
const titles = checkTitles(topology);
const logDir = join(artifactsRoot, 'controls');
rmSync(logDir, { recursive: true, force: true });
mkdirSync(logDir, { recursive: true });

/** A control's verdict in a word: one that applied nowhere here (every check it lists skipped) is neither. */
const verdictText = (v: ControlVerdict): string => (!v.applies ? 'not applicable here' : v.asExpected ? 'as expected' : 'MISMATCH');

interface Row {
  readonly type: 'fault' | 'mistake';
  readonly verdict: ControlVerdict;
  readonly seconds: number;
}

/**
 * The environment and the listed checks of one control, the titles its run gives the checks, and what
 * to remove after it. A mistake's titles are those of the lab with its manifests: a check that names
 * what the manifests configure (a speaker's peers) says it in its title.
 */
function setUp(name: string): { type: Row['type']; env: Record<string, string>; control: Control; titles: Map<CheckId, string>; roles: ControlRoles; cleanup: () => void } {
  if (name in FAULTS) {
    const fault = name as keyof typeof FAULTS;
    return { type: 'fault', env: { LAB_FAULT: fault }, control: FAULTS[fault], titles, roles: controlRoles(topology), cleanup: () => {} };
  }
  const mistake: Mistake = MISTAKES[name as keyof typeof MISTAKES];
  const dir = manifestsWith([mistake.change]);
  const lab = readLab({ ...DEFAULT_LAB_FILES, manifests: dir });
  return { type: 'mistake', env: { LAB_MANIFESTS: dir }, control: mistake, titles: checkTitles(lab), roles: controlRoles(lab), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function control(name: string): Promise<Row> {
  const report = join(logDir, `${name}.json`);
  const { type, env, control: listed, titles: runTitles, roles, cleanup } = setUp(name);
  const started = performance.now();
  // the run's page and the history (lab/report/), where the checks the control must fail count as no flake
  const expected = [...listed.kills(roles).map((k) => k.check), ...(listed.undecided?.checks(roles) ?? [])];
  const history = { BGPLAB_HISTORY_SOURCE: 'control', BGPLAB_HISTORY_CONTROL: name, BGPLAB_HISTORY_EXPECTED: expected.join(',') };
  const run = await execa(process.execPath, [vitestEntry, 'run', '--project', 'conformance', `--maxWorkers=${CONFORMANCE_ALONE_WORKERS}`, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, '--reporter=./lab/report/run-report-reporter.ts'], {
    cwd: repoRoot,
    env: { ...env, ...history },
    reject: false,
    all: true,
    stdin: 'ignore',
  }).finally(cleanup);
  const seconds = (performance.now() - started) / 1000;
  let results: CheckResult[] = [];
  try {
    results = checkResults(JSON.parse(readFileSync(report, 'utf8')) as JsonReport);
  } catch {
    // no report: the run stopped before any spec (bring-up); every check then counts as not run
  }
  const verdict = judgeControl(name, runTitles, listed.kills(roles), results, listed.undecided?.checks(roles));
  // The shared fabric's run and, on netns, the disruptive specs' own (specs/own-fabric.ts).
  const runIds = [...new Set([...(run.all ?? '').matchAll(new RegExp(`${NAMESPACE_PREFIX}-([0-9a-f]{6})-`, 'g'))].map((m) => m[1]!))];
  if (verdict.asExpected) {
    rmSync(report, { force: true });
    // the captures and state dumps of the checks that failed as expected prove nothing more
    runIds.forEach(removeArtifactsOfRun);
  } else {
    writeFileSync(join(logDir, `${name}.log`), run.all ?? '');
    // A mismatch's captures and state dumps go where the next run's start (which removes the artifacts
    // of ended runs) leaves them: artifacts/controls/NAME/RUN_ID/.
    for (const runId of runIds) {
      const kept = join(artifactsRoot, runId);
      if (existsSync(kept)) {
        mkdirSync(join(logDir, name), { recursive: true });
        renameSync(kept, join(logDir, name, runId));
      }
    }
  }
  return { type, verdict, seconds };
}

// Each control brings up its own fabric (its own namespaces, daemons and run directory), so several run
// at once: most of a run is waiting on timers (graceful restart's 15 s, BIRD's connect delays). Not on
// kind, whose cluster and containers have one name each (lab/kind/names.ts): one control at a time there.
const jobs = onKind ? 1 : Number(process.env.CONTROLS_JOBS ?? 3);
const rows = await mapConcurrently(controls, jobs, async (name) => {
  const row = await control(name);
  process.stderr.write(`[controls] ${row.type} ${name}: ${verdictText(row.verdict)} (${row.seconds.toFixed(1)} s)\n`);
  return row;
});

const verdicts = rows.map((r) => r.verdict);
const covered = coverage(titles, verdicts);
const header = ['control', 'kind', 'listed', 'killed (own reason)', 'failed on a precondition', 'failed for another reason', 'failed, not listed', 'listed, passed', 'not run', 'skipped here', 'seconds', 'verdict'];
const table = rows.map(({ type, verdict: v, seconds }) => [
  v.control, type, String(v.expected.length), String(v.killed.length), String(v.unjudged.length), String(v.otherReason.length), String(v.unexpectedFailures.length),
  String(v.unexpectedPasses.length), String(v.notRun.length), String(v.skipped.length), seconds.toFixed(1), verdictText(v),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
const unkilled = covered.filter((r) => r.killedBy.length === 0);
// With only some controls asked for, the checks the others kill are unkilled here: that is no failure.
const everyControlRan = controls.length === ALL.length;
const problems = [
  ...verdicts.flatMap(mismatchLines),
  ...(everyControlRan ? unkilled.map((r) => `no control kills ${r.id}: ${r.title}`) : []),
];
process.stdout.write(
  [
    coverageTable(covered),
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...table.map(line),
    '',
    ...problems,
    ...(problems.some((p) => !p.startsWith('no control')) ? [`the output, report, captures and state dumps of each mismatching run are in ${logDir} (the dumps named in its output under artifacts/RUN_ID/ are in ${logDir}/NAME/RUN_ID/)`] : []),
    summaryLine(covered, verdicts),
  ].join('\n') + '\n',
);
const ok = problems.length === 0;
if (ok) rmSync(logDir, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
