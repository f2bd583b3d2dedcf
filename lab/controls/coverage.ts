// How the negative controls are judged, check by check, from each control's vitest JSON report: a
// control is as expected when exactly the checks it lists (lab/controls/faults.ts, lab/controls/mistakes.ts) fail and every
// other check passes; a check is killed when some control lists it and made it fail. A check no control
// kills is an assertion whose regression would go unnoticed, and fails the controls.
import type { CheckId } from '../checks/catalog.js';

/** The part of vitest's JSON report this reads. */
export interface JsonReport {
  readonly testResults?: readonly { readonly name: string; readonly assertionResults?: readonly { readonly title: string; readonly status: string }[] }[];
}

/** One check's result in one run, by its title (unique in the catalog). Example: {"title":"router0: BIRD sessions … are Established","status":"failed"} */
export interface CheckResult {
  readonly title: string;
  readonly status: string;
}

export function checkResults(report: JsonReport): CheckResult[] {
  return (report.testResults ?? []).flatMap((file) => (file.assertionResults ?? []).map((a) => ({ title: a.title, status: a.status })));
}

/** What one control did to the checks, against what it lists. Titles, as the report shows them. */
export interface ControlVerdict {
  readonly control: string;
  readonly expected: readonly CheckId[];
  /** listed, and failed */
  readonly killed: readonly CheckId[];
  /** not listed, and failed */
  readonly unexpectedFailures: readonly string[];
  /** listed, and passed */
  readonly unexpectedPasses: readonly string[];
  /** in the catalog, and not run at all (the run stopped before it) */
  readonly notRun: readonly string[];
  /** skipped, as not applying to this fabric (the failover spec's crash on kind): nothing to judge */
  readonly skipped: readonly string[];
  /** in the report, and not in the catalog: a check no control can list */
  readonly unknown: readonly string[];
  /** no check ran at all: the run stopped before them (at bring-up) */
  readonly stoppedBeforeChecks: boolean;
  /** false when every check the control lists was skipped here: it proved nothing, neither way */
  readonly applies: boolean;
  /** applies, killed what it lists, and nothing else went wrong */
  readonly asExpected: boolean;
}

/**
 * Judges one control's results against the checks it lists; `titles` is the catalog (lab/checks/catalog.ts
 * checkTitles). A check the control declares `undecided` (left to a race) may fail or pass.
 */
export function judgeControl(
  control: string,
  titles: ReadonlyMap<CheckId, string>,
  kills: readonly CheckId[],
  results: readonly CheckResult[],
  undecided: readonly CheckId[] = [],
): ControlVerdict {
  const status = new Map(results.map((r) => [r.title, r.status]));
  const known = new Set(titles.values());
  const ids = [...titles.keys()];
  const failed = (id: CheckId): boolean => status.get(titles.get(id)!) === 'failed';
  const passed = (id: CheckId): boolean => status.get(titles.get(id)!) === 'passed';
  const skipped = (id: CheckId): boolean => status.get(titles.get(id)!) === 'skipped';
  const verdict = {
    control,
    expected: kills,
    killed: kills.filter(failed),
    unexpectedFailures: ids.filter((id) => failed(id) && !kills.includes(id) && !undecided.includes(id)).map((id) => titles.get(id)!),
    unexpectedPasses: kills.filter(passed).map((id) => titles.get(id)!),
    notRun: ids.filter((id) => !failed(id) && !passed(id) && !skipped(id)).map((id) => titles.get(id)!),
    skipped: ids.filter(skipped).map((id) => titles.get(id)!),
    unknown: results.filter((r) => !known.has(r.title)).map((r) => r.title),
    stoppedBeforeChecks: results.length === 0,
  };
  const applies = kills.length === 0 || !kills.every(skipped);
  const clean = verdict.unexpectedFailures.length + verdict.unexpectedPasses.length + verdict.notRun.length + verdict.unknown.length === 0;
  return { ...verdict, applies, asExpected: applies && clean };
}

export interface CoverageRow {
  readonly id: CheckId;
  readonly title: string;
  /** the controls that list this check and made it fail */
  readonly killedBy: readonly string[];
}

/** One row per catalog check, in catalog order, with the controls that killed it. */
export function coverage(titles: ReadonlyMap<CheckId, string>, verdicts: readonly ControlVerdict[]): CoverageRow[] {
  return [...titles].map(([id, title]) => ({ id, title, killedBy: verdicts.filter((v) => v.killed.includes(id)).map((v) => v.control) }));
}

export function coverageTable(rows: readonly CoverageRow[]): string {
  const lines = rows.map((r) => `| ${r.id} | ${r.title} | ${r.killedBy.join(', ') || 'NONE'} |`);
  return ['| check | title | killed by |', '| --- | --- | --- |', ...lines].join('\n');
}

/** The controls' last line: "controls: 23 checks, 23 killed, 0 unkilled; 18 controls, 18 as expected". */
export function summaryLine(rows: readonly CoverageRow[], verdicts: readonly ControlVerdict[]): string {
  const killed = rows.filter((r) => r.killedBy.length > 0).length;
  const inapplicable = verdicts.filter((v) => !v.applies).length;
  return `controls: ${rows.length} checks, ${killed} killed, ${rows.length - killed} unkilled; ${verdicts.length} controls, ${verdicts.filter((v) => v.asExpected).length} as expected` +
    (inapplicable > 0 ? `, ${inapplicable} not applicable here (every check it lists was skipped)` : '');
}

/** What a control did that it should not have, one line each, for the report under the table. */
export function mismatchLines(v: ControlVerdict): string[] {
  if (v.stoppedBeforeChecks) return [`${v.control}: the run stopped before any check (at bring-up): see its output`];
  return [
    ...v.unexpectedFailures.map((t) => `${v.control}: failed, and not listed: ${t}`),
    ...v.unexpectedPasses.map((t) => `${v.control}: listed, and passed: ${t}`),
    ...v.notRun.map((t) => `${v.control}: did not run: ${t}`),
    ...v.unknown.map((t) => `${v.control}: not in lab/checks/catalog.ts: ${t}`),
  ];
}
