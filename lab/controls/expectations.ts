// What a control expects of a check: that it fail, with one of the symptoms listed (lab/checks/check.ts).
// A check is killed for its own reason only by a symptom of its own claim; a listed precondition symptom
// (precondition:not-whole: the fabric was not whole, so nothing was disrupted) makes the failure
// expected, and never a kill. `fails(checks, ...symptoms)` is how the controls write it.
import type { CheckId } from '../checks/catalog.js';
import { isPrecondition, type Symptom } from '../checks/check.js';

/** One check a control fails, and the symptoms it must fail with. Example: {"check":"bgp/vip-multipath-in-router-fib","symptoms":["fib-path-missing"]} */
export interface Kill {
  readonly check: CheckId;
  readonly symptoms: readonly Symptom[];
}

/** Each of `checks` fails, with one of `symptoms`. */
export function fails(checks: readonly CheckId[], ...symptoms: readonly [Symptom, ...Symptom[]]): Kill[] {
  return checks.map((check) => ({ check, symptoms }));
}

/** The listed checks, each once, with the symptoms listed for it anywhere in `kills`. */
export function byCheck(kills: readonly Kill[]): Map<CheckId, readonly Symptom[]> {
  const merged = new Map<CheckId, Symptom[]>();
  for (const { check, symptoms } of kills) merged.set(check, [...new Set([...(merged.get(check) ?? []), ...symptoms])]);
  return merged;
}

/** Whether a check failing with `seen` fails as `listed` says, and whether that is a kill (an own symptom). */
export function judgeSymptoms(listed: readonly Symptom[], seen: readonly Symptom[]): 'killed' | 'unjudged' | 'other reason' {
  const matching = seen.filter((s) => listed.includes(s));
  if (matching.length === 0) return 'other reason';
  return matching.some((s) => !isPrecondition(s)) ? 'killed' : 'unjudged';
}
