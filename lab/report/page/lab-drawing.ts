// The lab drawn from its description: router, servers, each server's Cilium speaker and pods, the links
// with both ends' interfaces and addresses, and every BGP session (lab-sessions.ts) coloured by the state
// the checks saw. dagre lays it out at the page's making; the SVG is written here, one shape per node
// (data-node) and per session (data-session), which the browser test counts.
import dagre from '@dagrejs/dagre';
import type { SessionSeen } from '../../checks/figures.js';
import { podKey, type Lab } from '../../description/index.js';
import { drawnSessions, speakerOf } from '../lab-sessions.js';
import { attrs, esc, stateColour } from './html.js';

interface Box {
  readonly id: string;
  readonly lines: readonly string[];
  readonly kind: 'router' | 'server' | 'speaker' | 'pod';
}

const SIZES = { router: [210, 62], server: [210, 62], speaker: [170, 44], pod: [160, 40] } as const;
const FILLS = { router: '#ddf4ff', server: '#fff8c5', speaker: '#fbefff', pod: '#f6f8fa' } as const;

function boxes(t: Lab): Box[] {
  const addr = (n: { interfaces: readonly { name: string; cidr: string }[]; loopbacks: readonly string[] }): string => [...n.loopbacks.map((l) => `lo ${l}`)].join(', ');
  return [
    { id: t.router.name, kind: 'router', lines: [t.router.name, `AS ${t.router.asn} (BIRD)`, addr(t.router)] },
    ...t.servers.map((s): Box => ({ id: s.name, kind: 'server', lines: [s.name, `AS ${s.asn} (BIRD) · ${s.kindNode}`, addr(s)] })),
    ...t.servers.filter((s) => t.speakerPeers[s.name]).map((s): Box => ({ id: speakerOf(s.name), kind: 'speaker', lines: ['Cilium speaker', `AS ${t.speakerPeers[s.name]![0]?.localAs ?? '?'}`] })),
    ...t.pods.map((p): Box => ({ id: `pod:${podKey(p)}`, kind: 'pod', lines: [p.name, p.namespace] })),
  ];
}

const textWidth = (text: string): number => text.length * 6.6 + 10;

/** The lab, with `seen`: the sessions the checks saw. */
export function labDrawing(t: Lab, seen: readonly SessionSeen[]): string {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 50, ranksep: 80, edgesep: 30, marginx: 10, marginy: 10 });
  const all = boxes(t);
  for (const b of all) g.setNode(b.id, { width: SIZES[b.kind][0], height: SIZES[b.kind][1] });
  const linkLabel = (end: { node: string; interface: string }): string => {
    const node = [t.router, ...t.servers].find((n) => n.name === end.node);
    return `${end.interface} ${node?.interfaces.find((i) => i.name === end.interface)?.cidr ?? ''}`.trim();
  };
  t.links.forEach(([a, b], i) => g.setEdge(a.node, b.node, { kind: 'link', text: `${linkLabel(a)} ↔ ${linkLabel(b)}`, width: textWidth(`${linkLabel(a)} ↔ ${linkLabel(b)}`), height: 16 }, `link${i}`));
  const sessions = drawnSessions(t, seen).filter((s) => g.hasNode(s.ends[0]) && g.hasNode(s.ends[1]));
  for (const s of sessions) {
    const text = `BGP AS${s.asns[0]}–AS${s.asns[1]}: ${s.state ?? 'not checked'}${s.configured ? '' : ' (not configured)'}`;
    g.setEdge(s.ends[0], s.ends[1], { kind: 'session', text, state: s.state, key: s.key, configured: s.configured, width: textWidth(text), height: 16 }, s.key);
  }
  for (const p of t.pods) g.setEdge(p.server, `pod:${podKey(p)}`, { kind: 'pod', text: '', width: 0, height: 0 }, `pod:${podKey(p)}`);
  dagre.layout(g);
  const graph = g.graph();
  const edges = g.edges().map((e: { v: string; w: string; name?: string }) => {
    const label = g.edge(e) as { kind: string; text: string; state?: string; key?: string; configured?: boolean; x: number; y: number; points: { x: number; y: number }[] };
    const d = label.points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join('');
    const stroke = label.kind === 'session' ? stateColour(label.state) : label.kind === 'link' ? '#57606a' : '#afb8c1';
    const path = `<path${attrs({ d, fill: 'none', stroke, 'stroke-width': label.kind === 'link' ? 3 : 2, 'stroke-dasharray': label.kind === 'session' ? (label.configured ? '7,4' : '2,3') : undefined })}/>`;
    const text = label.text ? `<text${attrs({ x: label.x, y: label.y + 4, 'text-anchor': 'middle', class: 'edge-label', fill: label.kind === 'session' ? stroke : '#24292f' })}>${esc(label.text)}</text>` : '';
    return label.kind === 'session' ? `<g${attrs({ 'data-session': label.key, 'data-state': label.state ?? 'not checked' })}>${path}${text}</g>` : `<g${attrs({ class: `edge-${label.kind}` })}>${path}${text}</g>`;
  });
  const nodes = all.map((b) => {
    const n = g.node(b.id);
    const [w, h] = SIZES[b.kind];
    const lines = b.lines.filter(Boolean).map((line, i) => `<text${attrs({ x: n.x, y: n.y - h / 2 + 17 + i * 15, 'text-anchor': 'middle', class: i === 0 ? 'node-name' : 'node-detail' })}>${esc(line)}</text>`);
    return `<g${attrs({ 'data-node': b.id, 'data-kind': b.kind })}><rect${attrs({ x: n.x - w / 2, y: n.y - h / 2, width: w, height: h, rx: b.kind === 'pod' ? 14 : 6, fill: FILLS[b.kind], stroke: '#57606a' })}/>${lines.join('')}</g>`;
  });
  const [width, height] = [Math.ceil(graph.width ?? 600), Math.ceil(graph.height ?? 400)];
  return `<svg${attrs({ class: 'lab-drawing', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': `the lab ${t.name}` })}>${edges.join('')}${nodes.join('')}</svg>`;
}
