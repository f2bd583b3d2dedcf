// Hands a check's evidence to vitest's reporters as annotations (lab/report/annotations.ts): its id and
// figures as JSON, its packet captures and, when it failed, the fabric's state dump as files, which
// vitest copies into its attachments folder when the annotation is made (before a passing test removes
// its captures).
import { existsSync } from 'node:fs';
import type { TestContext } from 'vitest';
import type { Figure } from '../lab/checks/figures.js';
import { ANNOTATION, capturesOf, type CheckEvidence } from '../lab/report/annotations.js';

type Annotate = TestContext['annotate'];

/** The check's id and figures, and the captures the figures name. */
export async function annotateEvidence(annotate: Annotate, id: string | undefined, figures: readonly Figure[]): Promise<void> {
  if (id === undefined) return;
  const evidence: CheckEvidence = { id, figures };
  await annotate(id, ANNOTATION.check, { body: JSON.stringify(evidence), bodyEncoding: 'utf-8', contentType: 'application/json' });
  for (const file of capturesOf(figures).filter((f) => existsSync(f))) {
    await annotate(file, ANNOTATION.capture, { path: file, contentType: 'application/vnd.tcpdump.pcap' });
  }
}

/** The state dump's files, one annotation each. */
export async function annotateStateDump(annotate: Annotate, files: readonly string[]): Promise<void> {
  for (const file of files) await annotate(file, ANNOTATION.stateDump, { path: file, contentType: 'text/plain' });
}
