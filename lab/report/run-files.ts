// Where a run's page and its inputs live: artifacts/<run>/fabric.json (what the global setup brought up,
// for the reporter, which runs in another process), run.json (the recorded run the page is drawn from),
// report.html, files/ (the evidence files the page links to); and artifacts/history.jsonl, one line per
// run, which every run, soak and control appends to.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FabricDescription } from '../fabric/fabric-description.js';
import { artifactsRoot } from '../util/paths.js';

/** What the global setup records of the fabric it brought up. Example: {"description":{...},"convergedMs":2051} */
export interface RunFabric {
  readonly description: FabricDescription;
  /** from the global setup's start to a converged fabric (absent when it attached to a kept one) */
  readonly convergedMs?: number;
  /** each pod's address, by pod key, as the fabric gave it (fabric.podIp) once it was up. Example: {"default/ubuntu":"10.1.0.34"} */
  readonly podIps?: Readonly<Record<string, string>>;
}

export const runDir = (runId: string): string => join(artifactsRoot, runId);
export const fabricFile = (runId: string): string => join(runDir(runId), 'fabric.json');
export const reportFile = (runId: string): string => join(runDir(runId), 'report.html');
export const recordedRunFile = (runId: string): string => join(runDir(runId), 'run.json');
export const historyFile = join(artifactsRoot, 'history.jsonl');

export function writeRunFabric(fabric: RunFabric): void {
  mkdirSync(runDir(fabric.description.runId), { recursive: true });
  writeFileSync(fabricFile(fabric.description.runId), `${JSON.stringify(fabric, null, 1)}\n`);
}

/** The run's fabric record, or undefined if the global setup wrote none. */
export function readRunFabric(runId: string): RunFabric | undefined {
  return existsSync(fabricFile(runId)) ? (JSON.parse(readFileSync(fabricFile(runId), 'utf8')) as RunFabric) : undefined;
}
