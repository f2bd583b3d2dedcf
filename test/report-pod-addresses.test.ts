// The drawing of the lab on the run's page shows each pod's address where the run recorded it (the
// global setup asks the fabric once it is up: lab/report/pod-addresses.ts), and draws a pod without one
// where it did not.
import { describe, expect, it } from 'vitest';
import { podKey } from '../lab/description/index.js';
import { labDrawing } from '../lab/report/page/lab-drawing.js';
import { topology as t } from './default-lab.js';

/** The drawn box of `key`'s pod: its group in the SVG. */
const podBox = (svg: string, key: string): string => new RegExp(`<g data-node="pod:${key}"[^]*?</g>`).exec(svg)?.[0] ?? '';

describe("the lab's drawing", () => {
  it("shows each pod's address next to its namespace, where the run recorded it", () => {
    const ips = Object.fromEntries(t.pods.map((p, i) => [podKey(p), `10.1.0.${i + 2}`]));
    const svg = labDrawing(t, [], ips);
    t.pods.forEach((p, i) => expect(podBox(svg, podKey(p))).toContain(`${p.namespace} · 10.1.0.${i + 2}`));
  });

  it('draws a pod without an address when the run recorded none for it', () => {
    const [first, ...rest] = t.pods;
    const svg = labDrawing(t, [], Object.fromEntries(rest.map((p) => [podKey(p), '10.1.0.9'])));
    expect(podBox(svg, podKey(first!))).toContain(`>${first!.namespace}<`);
    expect(podBox(svg, podKey(first!))).not.toContain('10.1.0.9');
  });
});
