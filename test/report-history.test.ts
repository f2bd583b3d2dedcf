// The history's failure rates: flaky checks first; a control's listed checks and a fault run without a
// list count for nothing; and the page drawn from a recorded run names every check, failing first.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failureRates, type HistoryEntry } from '../lab/report/history.js';
import type { RecordedRun } from '../lab/report/recorded-run.js';
import { renderReport } from '../lab/report/render-report.js';
import { repoRoot } from '../lab/util/paths.js';

const entry = (verdicts: HistoryEntry['verdicts'], more: Partial<HistoryEntry> = {}): HistoryEntry => ({ runId: 'r', endedAt: '', source: 'test', faults: [], verdicts, figures: {}, ...more });

describe('failure rates', () => {
  it('puts a check that both passed and failed first, and leaves out expected failures', () => {
    const rates = failureRates([
      entry({ a: 'passed', b: 'failed', c: 'passed' }),
      entry({ a: 'failed', b: 'failed', c: 'passed' }),
      entry({ a: 'passed', b: 'passed', c: 'failed' }, { source: 'control', faults: ['echo-down'], expectedFailures: ['c'] }),
      entry({ a: 'failed', b: 'failed', c: 'failed' }, { faults: ['echo-down'] }),
    ]);
    expect(rates.map((r) => [r.id, r.failures, r.runs, r.flaky])).toEqual([
      ['b', 2, 3, true],
      ['a', 1, 3, true],
      ['c', 0, 2, false],
    ]);
  });
});

describe('the page of a recorded failing run', () => {
  const run = JSON.parse(readFileSync(join(repoRoot, 'fixtures', 'report', 'no-dsr-option', 'run.json'), 'utf8')) as RecordedRun;
  const html = renderReport(run, []);

  it('shows every check once, the failing ones first and open, with no script and nothing fetched', () => {
    const shown = [...html.matchAll(/<details class="check" data-state="(\w+)" data-check="([^"]+)"( open)?/g)];
    expect(shown.map((m) => m[2]).sort()).toEqual(run.checks.map((c) => c.id).sort());
    const failing = run.checks.filter((c) => c.state === 'failed').length;
    expect(failing).toBeGreaterThan(0);
    expect(shown.slice(0, failing).every((m) => m[1] === 'failed' && m[3] === ' open')).toBe(true);
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
  });
});
