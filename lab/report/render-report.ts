// The run's page, a pure function of the recorded run and the history: one self-contained HTML file, with
// no script, no link to anything outside it but the evidence files beside it. The lab drawn with each
// session's state, the checks (failing first and open) with their evidence, the history.
import type { SessionSeen } from '../checks/figures.js';
import type { HistoryEntry } from './history.js';
import { checkSection } from './page/check-section.js';
import { historySection } from './page/history-section.js';
import { duration, esc, stateColour } from './page/html.js';
import { labDrawing } from './page/lab-drawing.js';
import { STYLE } from './page/style.js';
import type { RecordedRun } from './recorded-run.js';

const ORDER = { failed: 0, passed: 1, skipped: 2 } as const;

export function renderReport(run: RecordedRun, history: readonly HistoryEntry[]): string {
  const count = (state: string): number => run.checks.filter((c) => c.state === state).length;
  const failed = count('failed') + run.otherErrors.length;
  const seen: SessionSeen[] = run.checks.flatMap((c) => c.figures.flatMap((f) => (f.kind === 'sessions' ? f.sessions : [])));
  const checks = [...run.checks].sort((a, b) => ORDER[a.state] - ORDER[b.state]);
  const who = `${run.source}${run.control ? ` (control ${run.control})` : ''}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${failed ? 'FAILED' : 'passed'}: conformance run ${esc(run.runId)} of ${esc(run.lab.name)}</title>
<style>${STYLE}</style></head><body>
<h1>Conformance run ${esc(run.runId)}: <span class="${failed ? 'failed' : 'passed'}">${failed ? 'failed' : 'passed'}</span></h1>
<p class="meta">lab <b>${esc(run.lab.name)}</b> on the <b>${esc(run.fabric)}</b> fabric · ${esc(who)} · ended ${esc(run.endedAt)} · took ${duration(run.durationMs)}${run.convergedMs !== undefined ? ` · converged in ${duration(run.convergedMs)}` : ''}${run.faults.length ? ` · faults <b>${esc(run.faults.join(', '))}</b>` : ''}</p>
<p class="counts"><span class="passed">${count('passed')} passed</span><span class="failed">${failed} failed</span><span class="skipped">${count('skipped')} skipped</span></p>
${run.otherErrors.length ? `<pre class="failed">${esc(run.otherErrors.join('\n'))}</pre>` : ''}
<h2>The lab</h2>
<p class="legend"><span><i class="swatch" style="background:#57606a"></i>link</span><span><i class="swatch" style="background:${stateColour('Established')}"></i>BGP session Established</span><span><i class="swatch" style="background:${stateColour('Idle')}"></i>not Established</span><span><i class="swatch" style="background:${stateColour(undefined)}"></i>not checked</span> · VIP ${esc(run.lab.service.vip)}:${run.lab.service.port} → ${esc(run.lab.service.backend.name)}:${run.lab.service.targetPort}, advertised by ${esc(run.lab.service.advertisedBy.join(', '))}</p>
<div class="figure">${labDrawing(run.lab, seen, run.podIps)}</div>
<h2>Checks</h2>
${checks.map(checkSection).join('\n')}
<h2>History</h2>
${historySection(history)}
</body></html>
`;
}
