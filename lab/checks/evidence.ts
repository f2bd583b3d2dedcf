// How the service checks tell what went wrong: the symptoms first, each with how many flows showed it
// ("8 of 8 flows: replies left server0 from 10.1.0.1:8080, not 20.1.10.2:80"), then each flow's own
// lines, then the evidence (the flows as the captures show them, and the pcap files).
import type { Captured } from './capturing.js';
import { failWithSymptoms, pass, type CheckOutcome, type Symptom } from './check.js';

/** One thing wrong with one flow. Example: {"flow":"10.0.2.1:40001 (entered server1)","problem":"its SYN-ACK left {}"} */
export interface FlowProblem {
  readonly flow: string;
  readonly problem: string;
  /** what is wrong, as the controls name it: "flow-not-tunnelled" */
  readonly symptom: Symptom;
}

/** The symptoms, most frequent first and counted over `flowCount` flows, then every flow's own line. */
export function storyFirst(problems: readonly FlowProblem[], flowCount: number): string[] {
  const counts = new Map<string, number>();
  for (const { problem } of problems) counts.set(problem, (counts.get(problem) ?? 0) + 1);
  const symptoms = [...counts].sort((a, b) => b[1] - a[1]).map(([problem, n]) => `${n} of ${flowCount} flows: ${problem}`);
  return problems.length === 0 ? [] : [...symptoms, '  per flow:', ...problems.map((p) => `    ${p.flow}: ${p.problem}`)];
}

/** A pass titled `title`, or a failure that tells `problems` (with `symptoms`, what they are) then the evidence. */
export function outcome(title: string, problems: readonly string[], evidence: readonly string[], symptoms: readonly Symptom[]): CheckOutcome {
  if (problems.length === 0) return pass(title);
  return failWithSymptoms(`${problems.join('\n')}\n  evidence:\n    ${evidence.join('\n    ')}`, symptoms);
}

/** The symptoms of per-flow problems. */
export const flowSymptoms = (problems: readonly FlowProblem[]): Symptom[] => problems.map((p) => p.symptom);

export const captureEvidence = (captured: Captured<unknown>): string => `captures: ${captured.files.join(', ')}`;
