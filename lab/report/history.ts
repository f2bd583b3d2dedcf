// The runs' history: each run appends one line to artifacts/history.jsonl with its verdict per check id
// and its figures (time to converged, restart time, removal times, the ECMP split, the load's requests),
// marked by who ran it (the suite, the soak, a control). Reading it back gives each figure's trend and
// each check's failure rate; a failure a control or a fault was meant to cause is not counted.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RecordedRun, RunSource } from './recorded-run.js';

/** One run. Example: {"runId":"a1b2c3","endedAt":"2026-12-06T02:31:45Z","source":"test","faults":[],"verdicts":{"lb/vip-answers":"passed"},"figures":{"convergedMs":2051}} */
export interface HistoryEntry {
  readonly runId: string;
  readonly endedAt: string;
  readonly source: RunSource;
  readonly control?: string;
  readonly faults: readonly string[];
  /** the checks the run was meant to fail (a control's list) */
  readonly expectedFailures?: readonly string[];
  readonly verdicts: Readonly<Record<string, 'passed' | 'failed' | 'skipped'>>;
  readonly figures: Readonly<Record<string, number>>;
}

/** A run's figures: "convergedMs", "restartMs", "removalMs <way>", "ecmp L4 <server>", "requests", "failedRequests", "durationMs". */
export function runFigures(run: RecordedRun): Record<string, number> {
  const figures: Record<string, number> = { durationMs: run.durationMs, ...(run.convergedMs !== undefined ? { convergedMs: run.convergedMs } : {}) };
  const timelines = new Map<string, Record<string, number>>();
  for (const check of run.checks) {
    for (const f of check.figures) {
      if (f.kind === 'ecmp-split' && f.policy === 1) for (const s of f.servers) figures[`ecmp L4 ${s.server}`] = s.observed;
      if (f.kind === 'load-timeline') timelines.set(f.scenario, f.figures);
    }
  }
  for (const [scenario, values] of timelines) {
    if (values.restartMs !== undefined) figures.restartMs = values.restartMs;
    if (values.removalMs !== undefined) figures[`removalMs ${scenario}`] = values.removalMs;
    figures.requests = (figures.requests ?? 0) + (values.requests ?? 0);
    figures.failedRequests = (figures.failedRequests ?? 0) + (values.failedRequests ?? 0);
  }
  return figures;
}

export function historyEntry(run: RecordedRun): HistoryEntry {
  return {
    runId: run.runId,
    endedAt: run.endedAt,
    source: run.source,
    ...(run.control ? { control: run.control } : {}),
    faults: run.faults,
    ...(run.expectedFailures ? { expectedFailures: run.expectedFailures } : {}),
    verdicts: Object.fromEntries(run.checks.map((c) => [c.id, c.state])),
    figures: runFigures(run),
  };
}

export function appendHistory(file: string, entry: HistoryEntry): void {
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(entry)}\n`);
}

/** The last `limit` runs, oldest first; a line that is not JSON is skipped. */
export function readHistory(file: string, limit = 30): HistoryEntry[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').flatMap((line) => {
    try {
      return line.trim() ? [JSON.parse(line) as HistoryEntry] : [];
    } catch {
      return [];
    }
  }).slice(-limit);
}

/** A check's record over the history. Example: {"id":"lb/vip-answers","runs":12,"failures":1,"rate":0.083,"flaky":true} */
export interface FailureRate {
  readonly id: string;
  readonly runs: number;
  readonly failures: number;
  readonly rate: number;
  /** it both passed and failed in runs that count */
  readonly flaky: boolean;
}

/**
 * Each check's failure rate over the runs that count for it: a fault run without a list of what it must
 * fail counts for no check, a control's run does not count for the checks it lists. Flaky ones first,
 * then by rate.
 */
export function failureRates(history: readonly HistoryEntry[]): FailureRate[] {
  const counts = new Map<string, { runs: number; failures: number }>();
  for (const entry of history) {
    if (entry.faults.length > 0 && !entry.expectedFailures) continue;
    for (const [id, verdict] of Object.entries(entry.verdicts)) {
      if (verdict === 'skipped' || entry.expectedFailures?.includes(id)) continue;
      const c = counts.get(id) ?? { runs: 0, failures: 0 };
      counts.set(id, { runs: c.runs + 1, failures: c.failures + (verdict === 'failed' ? 1 : 0) });
    }
  }
  return [...counts]
    .map(([id, c]) => ({ id, ...c, rate: c.failures / c.runs, flaky: c.failures > 0 && c.failures < c.runs }))
    .sort((a, b) => Number(b.flaky) - Number(a.flaky) || b.rate - a.rate || a.id.localeCompare(b.id));
}
