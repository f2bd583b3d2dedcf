// Charts drawn with Observable Plot at the page's making, in Node, on linkedom's DOM: the page gets plain
// SVG, so it needs no script, works offline and prints. Each mark carries a class the browser test
// counts: one bar per server and policy, one point per request.
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { EcmpSplitFigure, LoadTimelineFigure } from '../../checks/figures.js';

const { document } = parseHTML('<!doctype html><html><body></body></html>');
const WIDTH = 860;

const svgOf = (plot: Element): string => plot.outerHTML;

/** One bar per server and hash policy (flows seen entering it), the FIB's prediction as a tick, the L4 bound as a rule. */
export function ecmpChart(figures: readonly EcmpSplitFigure[]): string {
  const rows = figures.flatMap((f) => f.servers.map((s) => ({ ...s, policy: `hash policy ${f.policy} (${f.policy === 0 ? 'L3' : 'L4'}), ${f.flows} flows` })));
  const predicted = rows.filter((r) => r.predicted !== undefined);
  const bounds = figures.filter((f) => f.minimum !== undefined).map((f) => ({ policy: rows.find((r) => r.policy.startsWith(`hash policy ${f.policy}`))!.policy, minimum: f.minimum! }));
  return svgOf(Plot.plot({
    document, width: WIDTH, height: 260, marginBottom: 40,
    fx: { label: null }, x: { label: null }, y: { label: 'flows', grid: true }, color: { legend: false },
    marks: [
      Plot.barY(rows, { fx: 'policy', x: 'server', y: 'observed', fill: 'server', className: 'ecmp-bar', title: (r) => `${r.server}: ${r.observed} flows seen${r.predicted !== undefined ? `, ${r.predicted} predicted by the FIB` : ''}` }),
      Plot.text(rows, { fx: 'policy', x: 'server', y: 'observed', text: (r) => String(r.observed), dy: -8 }),
      Plot.tickY(predicted, { fx: 'policy', x: 'server', y: 'predicted', stroke: 'black', strokeWidth: 3, strokeDasharray: '4,2', className: 'ecmp-predicted' }),
      Plot.ruleY(bounds, { fx: 'policy', y: 'minimum', stroke: '#cf222e', strokeWidth: 2, className: 'ecmp-bound' }),
      Plot.text(bounds, { fx: 'policy', y: 'minimum', text: (b) => `binomial bound ${b.minimum}`, frameAnchor: 'left', dy: -7, fill: '#cf222e' }),
      Plot.ruleY([0]),
    ],
  }) as unknown as Element);
}

/** The FIB's next hops over time (route watch), then every request as a point on its server's row, coloured by outcome; marks and the bound as rules. */
export function timelineChart(f: LoadTimelineFigure): string {
  const end = Math.max(...f.requests.map((r) => r.endMs), ...f.fib.map((c) => c.atMs), ...f.marks.map((m) => m.atMs), f.bound?.atMs ?? 0) + 200;
  const rules = [...f.marks.map((m) => ({ ...m, stroke: '#0969da' })), ...(f.bound ? [{ ...f.bound, stroke: '#cf222e' }] : [])];
  // Before the first change the VIP went via every server: a disruption starts only on a whole fabric (disruption-run.ts).
  const whole = { atMs: 0, hops: f.servers.length, text: 'every server' };
  const steps = [whole, ...f.fib.map((c) => ({ atMs: c.atMs, hops: c.deleted ? 0 : c.nextHops.length, text: c.deleted ? 'deleted' : c.nextHops.join(' + ') })), { atMs: end, hops: f.fib.length ? (f.fib.at(-1)!.deleted ? 0 : f.fib.at(-1)!.nextHops.length) : whole.hops, text: '' }];
  const x = { domain: [0, end], label: 'ms from the first request', grid: true };
  const ruleMarks = [
    Plot.ruleX(rules, { x: 'atMs', stroke: 'stroke', strokeDasharray: '5,3' }),
    // one row of text per mark, so that marks close in time keep their labels apart
    // (a label in the right third of the chart ends at its rule, so that the frame does not cut it)
    ...rules.map((r, i) => {
      const right = r.atMs > (2 * end) / 3;
      return Plot.text([r], { x: 'atMs', text: 'label', frameAnchor: 'top', dy: 12 * i - 12 * rules.length, dx: right ? -3 : 3, textAnchor: right ? 'end' : 'start', fill: 'stroke' });
    }),
  ];
  const fib = Plot.plot({
    document, width: WIDTH, height: 150 + 12 * rules.length, marginTop: 20 + 12 * rules.length, marginLeft: 70, marginRight: 20, x, y: { label: 'FIB next hops', domain: [0, f.servers.length], ticks: f.servers.length, tickFormat: 'd' },
    marks: [...ruleMarks, Plot.line(steps, { x: 'atMs', y: 'hops', curve: 'step-after', stroke: '#444' }), Plot.dot(f.fib, { x: 'atMs', y: (c) => (c.deleted ? 0 : c.nextHops.length), fill: '#444', r: 3, className: 'fib-change', title: (c) => `${c.atMs.toFixed(1)} ms: ${c.deleted ? 'deleted' : c.nextHops.join(' + ')}` })],
  });
  const rows = [...new Set([...f.servers, ...f.requests.map((r) => r.server)])];
  const load = Plot.plot({
    document, width: WIDTH, height: 60 + 34 * rows.length, marginLeft: 70, marginRight: 20, marginTop: 20, x, y: { domain: rows, label: null },
    color: { domain: ['answered', 'failed'], range: ['#1a7f37', '#cf222e'], legend: true },
    marks: [...ruleMarks.slice(0, 1), Plot.dot(f.requests, { x: 'startMs', y: 'server', fill: (r) => (r.ok ? 'answered' : 'failed'), r: 2.5, className: 'load-request', title: (r) => `port ${r.port} via ${r.server} at ${r.startMs} ms: ${r.ok ? 'answered' : r.problem}` })],
  });
  return `${svgOf(fib as unknown as Element)}${svgOf(load as unknown as Element)}`;
}

/** A figure's values over the last runs: one small line chart. */
export function trendChart(name: string, points: readonly { run: string; value: number }[]): string {
  return svgOf(Plot.plot({
    document, width: 280, height: 130, marginLeft: 50, x: { type: 'point', label: null, tickFormat: () => '' }, y: { label: name, grid: true, zero: true },
    marks: [Plot.lineY(points, { x: 'run', y: 'value', stroke: '#0969da' }), Plot.dot(points, { x: 'run', y: 'value', fill: '#0969da', r: 2.5, title: (p) => `${p.run}: ${p.value}` })],
  }) as unknown as Element);
}
