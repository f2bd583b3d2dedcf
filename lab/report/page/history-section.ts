// The history on the page: each figure's trend over the last runs, and each check's failure rate, flaky
// ones first (history.ts decides which runs count).
import { failureRates, type HistoryEntry } from '../history.js';
import { esc } from './html.js';
import { trendChart } from './plots.js';

export function historySection(history: readonly HistoryEntry[]): string {
  if (history.length === 0) return '<p>No runs recorded yet.</p>';
  const names = [...new Set(history.flatMap((h) => Object.keys(h.figures)))].sort();
  const trends = names.map((name) => {
    const points = history.filter((h) => h.figures[name] !== undefined).map((h) => ({ run: `${h.runId} ${h.source}${h.control ? ` ${h.control}` : ''}`, value: h.figures[name]! }));
    return `<div class="figure trend" data-figure="${esc(name)}">${trendChart(name, points)}</div>`;
  });
  const rates = failureRates(history);
  const rows = rates.map((r) => `<tr><td>${r.flaky ? '<b class="failed">flaky</b>' : r.failures ? '<span class="failed">failing</span>' : '<span class="passed">stable</span>'}</td><td>${esc(r.id)}</td><td>${r.failures} of ${r.runs}</td><td>${(r.rate * 100).toFixed(0)} %</td></tr>`);
  const runs = history.map((h) => `${h.runId} (${h.source}${h.control ? ` ${h.control}` : ''}${h.faults.length ? `, faults ${h.faults.join(',')}` : ''})`);
  return `<p class="meta">the last ${history.length} runs, oldest first: ${esc(runs.join(', '))}</p>` +
    `<h3>figures</h3><div class="trends">${trends.join('')}</div>` +
    `<h3>failure rate per check</h3><p class="meta">a control's or a fault's expected failures are not counted</p>` +
    `<table><tr><th></th><th>check</th><th>failed</th><th>rate</th></tr>${rows.join('')}</table>`;
}
