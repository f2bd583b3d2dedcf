// How the negative controls are judged, check by check, from each control's vitest JSON report: a
// control is as expected when exactly the checks it lists (lab/controls/faults.ts, mistakes.ts) fail,
// each with a symptom it lists for it (expectations.ts), and every other check passes. A check is killed
// only when it failed for its own reason: a symptom of its own claim that the control lists. A failure
// on a precondition, or with a symptom the control does not list (a timeout, an error, another claim),
// is no kill. A check no control kills is an assertion whose regression would go unnoticed.
import type { CheckId } from '../checks/catalog.js';
import { isPrecondition, symptomsOf, type Symptom } from '../checks/check.js';
import { byCheck, judgeSymptoms, type Kill } from './expectations.js';

/** The part of vitest's JSON report this reads. */
export interface JsonReport {
  readonly testResults?: readonly {
    readonly name: string;
    readonly assertionResults?: readonly { readonly title: string; readonly status: string; readonly failureMessages?: readonly string[] }[];
  }[];
}

/** One check's result in one run, by its title (unique in the catalog). Example: {"title":"router0: BIRD sessions … are Established","status":"failed","symptoms":["session-not-established"]} */
export interface CheckResult {
  readonly title: string;
  readonly status: string;
  /** what a failed check found wrong, from its message's `symptom:` line; empty for an error that is not a check's own failure */
  readonly symptoms: readonly Symptom[];
  /** the failure's first line, to say what it was when it is not what the control lists */
  readonly firstLine?: string;
}

export function checkResults(report: JsonReport): CheckResult[] {
  return (report.testResults ?? []).flatMap((file) =>
    (file.assertionResults ?? []).map((a) => {
      const message = a.failureMessages?.join('\n') ?? '';
      return { title: a.title, status: a.status, symptoms: symptomsOf(message), ...(message ? { firstLine: message.split('\n')[0]!.slice(0, 200) } : {}) };
    }),
  );
}

/** A listed check that failed with none of the symptoms listed for it. Example: {"title":"…","listed":["fib-path-missing"],"seen":["precondition:not-whole"]} */
export interface OtherReason {
  readonly title: string;
  readonly listed: readonly Symptom[];
  readonly seen: readonly Symptom[];
  readonly firstLine?: string;
}

/** What one control did to the checks, against what it lists. Titles, as the report shows them. */
export interface ControlVerdict {
  readonly control: string;
  /** the checks it lists with a symptom of their own claim: the ones it can kill */
  readonly expected: readonly CheckId[];
  /** listed, and failed for their own reason (a listed symptom of the claim) */
  readonly killed: readonly CheckId[];
  /** listed, and failed on a listed precondition: expected, and no kill */
  readonly unjudged: readonly CheckId[];
  /** listed, and failed with no symptom listed for it */
  readonly otherReason: readonly OtherReason[];
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
 * Judges one control's results against what it lists; `titles` is the catalog (lab/checks/catalog.ts
 * checkTitles). A check the control declares `undecided` (left to a race) may fail or pass.
 */
export function judgeControl(
  control: string,
  titles: ReadonlyMap<CheckId, string>,
  kills: readonly Kill[],
  results: readonly CheckResult[],
  undecided: readonly CheckId[] = [],
): ControlVerdict {
  const listed = byCheck(kills);
  const byTitle = new Map(results.map((r) => [r.title, r]));
  const known = new Set(titles.values());
  const ids = [...titles.keys()];
  const result = (id: CheckId): CheckResult | undefined => byTitle.get(titles.get(id)!);
  const is = (id: CheckId, status: string): boolean => result(id)?.status === status;
  const failedListed = [...listed].filter(([id]) => is(id, 'failed')).map(([id, symptoms]) => ({ id, symptoms, how: judgeSymptoms(symptoms, result(id)!.symptoms) }));
  const verdict = {
    control,
    // the checks it must kill: those it lists with a symptom of their own claim, not a precondition only
    expected: [...listed].filter(([, symptoms]) => symptoms.some((s) => !isPrecondition(s))).map(([id]) => id),
    killed: failedListed.filter((f) => f.how === 'killed').map((f) => f.id),
    unjudged: failedListed.filter((f) => f.how === 'unjudged').map((f) => f.id),
    otherReason: failedListed.filter((f) => f.how === 'other reason').map((f) => {
      const r = result(f.id)!;
      return { title: r.title, listed: f.symptoms, seen: r.symptoms, ...(r.firstLine ? { firstLine: r.firstLine } : {}) };
    }),
    unexpectedFailures: ids.filter((id) => is(id, 'failed') && !listed.has(id) && !undecided.includes(id)).map((id) => titles.get(id)!),
    unexpectedPasses: [...listed.keys()].filter((id) => is(id, 'passed')).map((id) => titles.get(id)!),
    notRun: ids.filter((id) => !is(id, 'failed') && !is(id, 'passed') && !is(id, 'skipped')).map((id) => titles.get(id)!),
    skipped: ids.filter((id) => is(id, 'skipped')).map((id) => titles.get(id)!),
    unknown: results.filter((r) => !known.has(r.title)).map((r) => r.title),
    stoppedBeforeChecks: results.length === 0,
  };
  const applies = listed.size === 0 || ![...listed.keys()].every((id) => is(id, 'skipped'));
  const clean = verdict.otherReason.length + verdict.unexpectedFailures.length + verdict.unexpectedPasses.length + verdict.notRun.length + verdict.unknown.length === 0;
  return { ...verdict, applies, asExpected: applies && clean };
}

export interface CoverageRow {
  readonly id: CheckId;
  readonly title: string;
  /** the controls that list this check and made it fail for its own reason */
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
    ...v.otherReason.map((o) => `${v.control}: failed for another reason: ${o.title} (symptom ${o.seen.join(', ') || `none: ${o.firstLine ?? 'no message'}`}; listed: ${o.listed.join(', ')})`),
    ...v.unexpectedFailures.map((t) => `${v.control}: failed, and not listed: ${t}`),
    ...v.unexpectedPasses.map((t) => `${v.control}: listed, and passed: ${t}`),
    ...v.notRun.map((t) => `${v.control}: did not run: ${t}`),
    ...v.unknown.map((t) => `${v.control}: not in lab/checks/catalog.ts: ${t}`),
  ];
}
