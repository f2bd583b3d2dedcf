// A check is one property observed once: it passes, or says where, what was expected and what was seen.
// Specs run a check once and fail with its message; the convergence wait polls the same checks.
import type { Figure } from './figures.js';

/**
 * A stable id for what a failing check found wrong, for example "fib-path-missing": the negative controls
 * count a check as killed only by a symptom they list for it (lab/controls/), so a check that failed on
 * a precondition, a timeout or an error is never taken for one that failed on its own claim.
 */
export type Symptom = string;

export interface CheckOutcome {
  readonly ok: boolean;
  /** "router0: kernel FIB next hops of 20.1.10.2/32: missing 10.0.2.2 ..." */
  readonly message: string;
  /** what it found wrong, when it failed: ["fib-path-missing"] */
  readonly symptoms?: readonly Symptom[];
  /** what it saw, as data for the run's page (lab/report/), passing or failing: [{"kind":"ecmp-split",...}] */
  readonly figures?: readonly Figure[];
}

/** What a check may need from the test that runs it. */
export interface CheckContext {
  /** where the check keeps evidence files (packet captures); the test keeps them only if it fails */
  readonly artifactDir?: string;
}

export interface Check {
  /** what holds when it passes, e.g. "router0 routes 20.1.10.2/32 via server0 and server1" */
  readonly title: string;
  run(context?: CheckContext): Promise<CheckOutcome>;
}

export const pass = (message: string): CheckOutcome => ({ ok: true, message });
/** A failure, with what the check found wrong (one symptom or more). */
export const fail = (message: string, ...symptoms: readonly [Symptom, ...Symptom[]]): CheckOutcome => ({ ok: false, message, symptoms });

/** A failure with the symptoms of a list of problems, each once, in order (none is "unnamed", which no control lists). */
export function failWithSymptoms(message: string, symptoms: readonly Symptom[]): CheckOutcome {
  const [first = 'unnamed', ...rest] = [...new Set(symptoms)];
  return fail(message, first, ...rest);
}

/** `outcome` with `figures` added (none: unchanged). */
export const withFigures = (outcome: CheckOutcome, ...figures: readonly Figure[]): CheckOutcome =>
  figures.length === 0 ? outcome : { ...outcome, figures: [...(outcome.figures ?? []), ...figures] };

/** The symptoms of a set comparison's failure: one for an element missing, one for an element that should not be there. */
export interface SetSymptoms {
  readonly missing: Symptom;
  readonly unexpected: Symptom;
}

function braces(items: readonly string[]): string {
  return `{${items.join(', ')}}`;
}

/**
 * Set equality whose failure names what is missing and what is unexpected, then the evidence:
 * "router0 kernel next hops of 20.1.10.2/32: expected {10.0.1.2, 10.0.2.2}, missing {10.0.2.2},
 * unexpected {}; evidence: ...".
 */
export function compareSets(
  what: string,
  expected: Iterable<string>,
  actual: Iterable<string>,
  evidence: string,
  symptoms: SetSymptoms,
): CheckOutcome {
  const want = [...new Set(expected)].sort();
  const got = [...new Set(actual)].sort();
  const missing = want.filter((x) => !got.includes(x));
  const unexpected = got.filter((x) => !want.includes(x));
  if (missing.length === 0 && unexpected.length === 0) return pass(`${what}: ${braces(got)}`);
  const found = [...(missing.length ? [symptoms.missing] : []), ...(unexpected.length ? [symptoms.unexpected] : [])] as [Symptom, ...Symptom[]];
  return fail(
    `${what}: expected ${braces(want)}, missing ${braces(missing)}, unexpected ${braces(unexpected)}` +
      `\n  evidence:\n    ${evidence.trim().split('\n').join('\n    ')}`,
    ...found,
  );
}

/** Runs `checks` at once; the messages of those that fail, in order: empty when all hold. */
export async function failingMessages(checks: readonly Check[]): Promise<string[]> {
  return (await Promise.all(checks.map((c) => c.run()))).filter((o) => !o.ok).map((o) => o.message);
}

/** The line a failure's message ends with, which the controls read back from vitest's report. */
export const SYMPTOM_LINE = /^\s*symptom: (.+)$/m;

export const symptomLine = (symptoms: readonly Symptom[]): string => `symptom: ${symptoms.join(', ')}`;

/** The symptoms a failure message names (its `symptom:` line); none for an error that is not a check's own failure. */
export function symptomsOf(message: string): Symptom[] {
  return SYMPTOM_LINE.exec(message)?.[1]!.split(', ').map((s) => s.trim()) ?? [];
}

export class CheckFailed extends Error {
  override name = 'CheckFailed';
  constructor(message: string, readonly symptoms: readonly Symptom[], readonly figures: readonly Figure[] = []) {
    super(`${message}\n  ${symptomLine(symptoms)}`);
    // The message names the node, the expectation and the evidence; a code frame of this file would
    // only add noise to the report. vitest's reports print the stack: it ends with the symptom line.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/**
 * A check that could not judge its claim, because what it needs first did not hold (the fabric was not
 * whole before a disruption): its symptom is `precondition:NAME`, which no control may count as a kill.
 */
export class PreconditionFailed extends Error {
  override name = 'PreconditionFailed';
  constructor(message: string, precondition: string) {
    super(`${message}\n  ${symptomLine([`precondition:${precondition}`])}`);
  }
}

/** A symptom that says the claim went unjudged: a precondition's, never the check's own. */
export const isPrecondition = (symptom: Symptom): boolean => symptom.startsWith('precondition:');

/** Runs `check` and resolves with its outcome, or throws its failure (CheckFailed), which carries the outcome's figures and symptoms. */
export async function assertCheckOutcome(check: Check, context?: CheckContext): Promise<CheckOutcome> {
  const outcome = await check.run(context);
  if (!outcome.ok) throw new CheckFailed(outcome.message, outcome.symptoms ?? ['unnamed'], outcome.figures);
  return outcome;
}
