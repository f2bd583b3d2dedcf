// One check on the page: verdict, title and id, what it observed or why it failed, then its evidence:
// the figures drawn (DSR ladders, the ECMP split, a disruption's timeline), its pcap files linked, and a
// failing check's state dump, each file readable in the page.
import type { Figure } from '../../checks/figures.js';
import type { RecordedCheck } from '../recorded-run.js';
import { attrs, duration, esc } from './html.js';
import { ladderSvg } from './ladder.js';
import { ecmpChart, timelineChart } from './plots.js';

function figureHtml(figures: readonly Figure[], href: (capture: string) => string | undefined): string {
  const parts: string[] = [];
  const ecmp = figures.filter((f) => f.kind === 'ecmp-split');
  if (ecmp.length) parts.push(`<div class="figure ecmp">${ecmpChart(ecmp)}</div>`);
  for (const f of figures) {
    if (f.kind === 'dsr-flows') {
      const flows = [...f.flows].sort((a, b) => (b.problems?.length ?? 0) - (a.problems?.length ?? 0));
      parts.push(...flows.map((flow) => `<h3>flow ${esc(flow.client)}${flow.problems?.length ? ` <span class="failed">${esc(flow.problems.join('; '))}</span>` : ''}</h3><div class="figure dsr">${ladderSvg(flow, href)}</div>`));
    }
    if (f.kind === 'load-timeline') {
      parts.push(`<h3>${esc(f.title)}: ${f.requests.length} requests, ${f.requests.filter((r) => !r.ok).length} failed, ${f.fib.filter((c) => !c.initial).length} FIB changes</h3><div class="figure timeline" data-requests="${f.requests.length}">${timelineChart(f)}</div>`);
    }
  }
  return parts.join('');
}

export function checkSection(check: RecordedCheck): string {
  const byOriginal = new Map(check.files.map((f) => [f.original, f.href]));
  const captures = check.files.filter((f) => f.kind === 'capture');
  const dumps = check.files.filter((f) => f.kind === 'state-dump');
  return `<details${attrs({ class: 'check', 'data-state': check.state, 'data-check': check.id, open: check.state === 'failed' })}>` +
    `<summary><span class="badge ${check.state}">${check.state}</span>${esc([...check.groups, check.title].join(' › '))}<span class="check-id">${esc(check.id)} · ${duration(check.durationMs)}</span></summary>` +
    (check.symptoms.length ? `<p>symptoms: <b class="failed">${esc(check.symptoms.join(', '))}</b></p>` : '') +
    `<pre>${esc(check.message)}</pre>` +
    figureHtml(check.figures, (capture) => byOriginal.get(capture)) +
    (captures.length ? `<p class="files">captures: ${captures.map((f) => `<a${attrs({ href: f.href })}>${esc(f.name)}</a>`).join('')}</p>` : '') +
    (dumps.length ? `<h3>the fabric's state when it failed</h3>${dumps.map((f) => `<details class="dump"><summary><a${attrs({ href: f.href })}>${esc(f.name)}</a></summary><pre>${esc(f.text ?? '')}</pre></details>`).join('')}` : '') +
    '</details>';
}
