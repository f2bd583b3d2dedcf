// A check is one property observed once: it passes, or says where, what was expected and what was seen.
// Specs run a check once and fail with its message; the convergence wait polls the same checks.

export interface CheckOutcome {
  readonly ok: boolean;
  /** "router0: kernel FIB next hops of 20.1.10.2/32: missing 10.0.2.2 ..." */
  readonly message: string;
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
export const fail = (message: string): CheckOutcome => ({ ok: false, message });

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
): CheckOutcome {
  const want = [...new Set(expected)].sort();
  const got = [...new Set(actual)].sort();
  const missing = want.filter((x) => !got.includes(x));
  const unexpected = got.filter((x) => !want.includes(x));
  if (missing.length === 0 && unexpected.length === 0) return pass(`${what}: ${braces(got)}`);
  return fail(
    `${what}: expected ${braces(want)}, missing ${braces(missing)}, unexpected ${braces(unexpected)}` +
      `\n  evidence:\n    ${evidence.trim().split('\n').join('\n    ')}`,
  );
}

/** Runs `checks` at once; the messages of those that fail, in order: empty when all hold. */
export async function failingMessages(checks: readonly Check[]): Promise<string[]> {
  return (await Promise.all(checks.map((c) => c.run()))).filter((o) => !o.ok).map((o) => o.message);
}

export class CheckFailed extends Error {
  override name = 'CheckFailed';
  constructor(message: string) {
    super(message);
    // The message names the node, the expectation and the evidence; a code frame of this file would
    // only add noise to the report.
    this.stack = `${this.name}: ${message}`;
  }
}

/** Runs a check once and throws its message if it fails: how specs assert. */
export async function assertCheck(check: Check, context?: CheckContext): Promise<string> {
  const outcome = await check.run(context);
  if (!outcome.ok) throw new CheckFailed(outcome.message);
  return outcome.message;
}
