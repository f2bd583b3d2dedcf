// A DSR flow as a ladder diagram, in hand-written SVG: one lane per node the flow crossed (the client,
// router0, first), one arrow per packet the captures saw, top to bottom in the flow's order, labelled
// with what it is (GENEVE VNI, DSR option) and the capture that saw it, linked to its pcap. A charting
// library has no mark for this, and a dozen lines and texts are simpler to write than to configure.
import type { DsrLadder, LadderPacket } from '../../checks/figures.js';
import { attrs, esc } from './html.js';

const LANE = 330;
const ROW = 46;
const TOP = 40;
const LEFT = 90;

function label(p: LadderPacket): string {
  const option = p.dsrService ? ` · DSR option ${p.dsrService}` : p.what.includes('SYN') ? ' · no DSR option' : '';
  const tunnel = p.tunnelled ? ` · VNI ${p.vni ?? '?'}${option}` : '';
  return `${p.what}${p.count > 1 ? ` ×${p.count}` : ''}${tunnel}`;
}

/** `href` maps a capture file as the check named it to its link beside the page (undefined: not kept). */
export function ladderSvg(flow: DsrLadder, href: (capture: string) => string | undefined): string {
  const x = (lane: string): number => LEFT + LANE * Math.max(0, flow.lanes.indexOf(lane));
  const width = LEFT * 2 + LANE * (flow.lanes.length - 1);
  const height = TOP + ROW * flow.packets.length + 20;
  const lanes = flow.lanes.map((lane) =>
    `<g${attrs({ class: 'lane', 'data-lane': lane })}><text${attrs({ x: x(lane), y: 18, 'text-anchor': 'middle', class: 'lane-name' })}>${esc(lane)}</text>` +
    `<line${attrs({ x1: x(lane), y1: 26, x2: x(lane), y2: height - 6, stroke: '#8a8f98', 'stroke-width': 2 })}/></g>`,
  );
  const arrows = flow.packets.map((p, i) => {
    const y = TOP + ROW * i + 24;
    const [x1, x2] = [x(p.from), x(p.to)];
    const colour = p.problem ? '#cf222e' : p.tunnelled ? '#8250df' : '#0969da';
    const mid = (x1 + x2) / 2;
    const link = p.capture ? href(p.capture) : undefined;
    const where = `${p.node} ${p.interface} ${p.direction}${p.frame !== undefined ? ` #${p.frame}` : ''}`;
    const captureText = `<text${attrs({ x: mid, y: y + 14, 'text-anchor': 'middle', class: 'capture' })}>${esc(where)}</text>`;
    return `<g${attrs({ class: 'packet', 'data-from': p.from, 'data-to': p.to })}>` +
      `<line${attrs({ x1, y1: y, x2: x2 + (x2 > x1 ? -6 : 6), y2: y, stroke: colour, 'stroke-width': 2, 'marker-end': `url(#head-${colour.slice(1)})`, 'stroke-dasharray': p.tunnelled ? '6,3' : undefined })}/>` +
      `<text${attrs({ x: mid, y: y - 6, 'text-anchor': 'middle', fill: colour })}>${esc(label(p))}${p.problem ? ` (${esc(p.problem)})` : ''}</text>` +
      (link ? `<a${attrs({ href: link })}>${captureText}</a>` : captureText) + '</g>';
  });
  const heads = ['0969da', '8250df', 'cf222e'].map((c) => `<marker${attrs({ id: `head-${c}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' })}><path d="M0,0L10,5L0,10z" fill="#${c}"/></marker>`);
  return `<svg${attrs({ class: 'ladder', viewBox: `0 0 ${width} ${height}`, width, height, 'data-client': flow.client, role: 'img', 'aria-label': `DSR flow from ${flow.client}` })}><defs>${heads.join('')}</defs>${lanes.join('')}${arrows.join('')}</svg>`;
}
