// The coverage of the negative controls, check by check, from vitest's JSON reports: which controls
// made each check fail, and which checks no control kills.
import { describe, expect, it } from 'vitest';
import { checkResults, coverage, coverageTable } from '../lab/control-coverage.js';

const report = (statuses: Record<string, string>) => ({
  testResults: [
    { name: '/repo/specs/bgp.spec.ts', assertionResults: [{ title: 'router0: sessions Established', status: statuses['sessions'] ?? 'passed' }] },
    { name: '/repo/specs/lb.spec.ts', assertionResults: [{ title: '20 requests answer 200', status: statuses['lb'] ?? 'passed' }] },
  ],
});

describe("the controls' coverage", () => {
  it('names the controls that killed each check, and the checks none killed', () => {
    const byControl = new Map([
      ['router-session-down', checkResults(report({ sessions: 'failed' }))],
      ['cilium-session-down', checkResults(report({ sessions: 'failed' }))],
    ]);
    const rows = coverage(byControl);
    expect(rows).toEqual([
      { spec: 'bgp', title: 'router0: sessions Established', killedBy: ['router-session-down', 'cilium-session-down'] },
      { spec: 'lb', title: '20 requests answer 200', killedBy: [] },
    ]);
    expect(coverageTable(rows)).toMatch(/\| lb \| 20 requests answer 200 \| NONE \|\n\ncoverage: 2 checks, 1 killed, 1 killed by no control\n$/);
  });

  it('reads no checks from a report of a run that stopped before any spec', () => {
    expect(checkResults({})).toEqual([]);
  });
});
