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

const SIZES = { router: [230, 62], server: [230, 62], speaker: [170, 44], pod: [160, 40] } as const;
const FILLS = { router: '#ddf4ff', server: '#fff8c5', speaker: '#fbefff', pod: '#f6f8fa' } as const;

/** `podIps`: each pod's address as the fabric gave it, by pod key ("tenant-green/ubuntu-echo"), where known. */
function boxes(t: Lab, podIps: Readonly<Record<string, string>>): Box[] {
  const addr = (n: { loopbacks: readonly string[] }): string => n.loopbacks.map((l) => `lo ${l}`).join(", ");
  return [
    { id: t.router.name, kind: 'router', lines: [t.router.name, `AS ${t.router.asn} (BIRD)`, addr(t.router)] },
    ...t.servers.map((s): Box => ({ id: s.name, kind: 'server', lines: [s.name, `AS ${s.asn} (BIRD)`, `in kind node ${s.kindNode}`] })),
    ...t.servers.filter((s) => t.speakerPeers[s.name]).map((s): Box => ({ id: speakerOf(s.name), kind: 'speaker', lines: ['Cilium speaker', `AS ${t.speakerPeers[s.name]![0]?.localAs ?? '?'}`] })),
    ...t.pods.map((p): Box => ({ id: `pod:${podKey(p)}`, kind: 'pod', lines: [p.name, [p.namespace, podIps[podKey(p)]].filter(Boolean).join(' · ')] })),
  ];
}

/** The lab, with `seen`: the sessions the checks saw; and the pods' addresses, where the run recorded them. */
export function labDrawing(t: Lab, seen: readonly SessionSeen[], podIps: Readonly<Record<string, string>> = {}): string {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 70, ranksep: 110, marginx: 20, marginy: 10 });
  const all = boxes(t, podIps);
  for (const b of all) g.setNode(b.id, { width: SIZES[b.kind][0], height: SIZES[b.kind][1] });
  const linkLabel = (end: { node: string; interface: string }): string => {
    const node = [t.router, ...t.servers].find((n) => n.name === end.node);
    return `${end.interface} ${node?.interfaces.find((i) => i.name === end.interface)?.cidr ?? ''}`.trim();
  };
  // dagre places the nodes (ranked by the links and sessions); the edges are drawn straight between them,
  // a session beside its link, so that each reads on its own
  t.links.forEach(([a, b], i) => g.setEdge(a.node, b.node, {}, `link${i}`));
  const sessions = drawnSessions(t, seen).filter((s) => g.hasNode(s.ends[0]) && g.hasNode(s.ends[1]));
  for (const s of sessions) g.setEdge(s.ends[0], s.ends[1], {}, s.key);
  for (const p of t.pods) g.setEdge(p.server, `pod:${podKey(p)}`, {}, `pod:${podKey(p)}`);
  dagre.layout(g);
  const graph = g.graph();
  const line = (from: string, to: string, offset: number): { x1: number; y1: number; x2: number; y2: number; along: (f: number) => [number, number] } => {
    const [a, b] = [g.node(from), g.node(to)];
    const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    const [nx, ny] = [((a.y - b.y) / length) * offset, ((b.x - a.x) / length) * offset];
    const [x1, y1, x2, y2] = [a.x + nx, a.y + ny, b.x + nx, b.y + ny];
    return { x1, y1, x2, y2, along: (f) => [x1 + (x2 - x1) * f, y1 + (y2 - y1) * f] };
  };
  const label = ([x, y]: [number, number], text: string, fill: string): string => `<text${attrs({ x: x + 8, y: y + 4, class: 'edge-label', fill })}>${esc(text)}</text>`;
  const links = t.links.map(([a, b]) => {
    const l = line(a.node, b.node, 0);
    return `<g class="edge-link"><line${attrs({ x1: l.x1, y1: l.y1, x2: l.x2, y2: l.y2, stroke: '#57606a', 'stroke-width': 3 })}/>${label(l.along(0.62), `${linkLabel(a)} ↔ ${linkLabel(b)}`, '#24292f')}</g>`;
  });
  const pods = t.pods.map((p) => {
    const l = line(p.server, `pod:${podKey(p)}`, 0);
    return `<line${attrs({ x1: l.x1, y1: l.y1, x2: l.x2, y2: l.y2, stroke: '#afb8c1', 'stroke-width': 2 })}/>`;
  });
  const drawnPairs = new Map<string, number>();
  const sessionShapes = sessions.map((s) => {
    const pair = s.ends.join('|');
    const linked = t.links.some(([a, b]) => [a.node, b.node].sort().join('|') === pair);
    const nth = drawnPairs.get(pair) ?? 0;
    drawnPairs.set(pair, nth + 1);
    const l = line(s.ends[0], s.ends[1], (linked ? 16 : 0) + 14 * nth);
    const colour = stateColour(s.state);
    const text = `BGP AS${s.asns[0]}–AS${s.asns[1]}: ${s.state ?? 'not checked'}${s.configured ? '' : ' (not configured)'}`;
    return `<g${attrs({ 'data-session': s.key, 'data-state': s.state ?? 'not checked' })}><line${attrs({ x1: l.x1, y1: l.y1, x2: l.x2, y2: l.y2, stroke: colour, 'stroke-width': 2.5, 'stroke-dasharray': s.configured ? '7,4' : '2,3' })}/>${label(l.along(linked ? 0.3 : 0.5), text, colour)}</g>`;
  });
  const edges = [...pods, ...links, ...sessionShapes];
  const nodes = all.map((b) => {
    const n = g.node(b.id);
    const [w, h] = SIZES[b.kind];
    const lines = b.lines.filter(Boolean).map((line, i) => `<text${attrs({ x: n.x, y: n.y - h / 2 + 17 + i * 15, 'text-anchor': 'middle', class: i === 0 ? 'node-name' : 'node-detail' })}>${esc(line)}</text>`);
    return `<g${attrs({ 'data-node': b.id, 'data-kind': b.kind })}><rect${attrs({ x: n.x - w / 2, y: n.y - h / 2, width: w, height: h, rx: b.kind === 'pod' ? 14 : 6, fill: FILLS[b.kind], stroke: '#57606a' })}/>${lines.join('')}</g>`;
  });
  const [width, height] = [Math.ceil(graph.width ?? 600), Math.ceil(graph.height ?? 400)];
  return `<svg${attrs({ class: 'lab-drawing', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': `the lab ${t.name}` })}>${edges.join('')}${nodes.join('')}</svg>`;
}
