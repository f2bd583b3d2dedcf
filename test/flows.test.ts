// The flow analysis on captures recorded from the netns fabric (`sudo npm run record-captures`): both
// servers' net0, one capture per direction, while router0 sent requests to the VIP over both paths.
import { describe, expect, it } from 'vitest';
import type { DirectedFrames } from '../lab/checks/capturing.js';
import { describeFlow, dsrServiceOf, observeFlows } from '../lab/checks/flows.js';
import { readPcap } from '../lab/pcap/read.js';

import { fixturePath } from './fixtures.js';

const service = { vip: '20.1.10.2', port: 80 };

async function recorded(server: string): Promise<DirectedFrames> {
  return { in: await readPcap(fixturePath(`pcap/directed/${server}-net0-in.pcap`)), out: await readPcap(fixturePath(`pcap/directed/${server}-net0-out.pcap`)) };
}

describe("flows read from the servers' net0 captures, each way", () => {
  it('follow a flow into server1, out of it in GENEVE with the DSR option, into server0, and its replies out of server0', async () => {
    const flows = [...observeFlows(service, { server0: await recorded('server0'), server1: await recorded('server1') }).values()];
    const viaServer1 = flows.find((f) => f.synIn.includes('server1'))!;
    expect(viaServer1).toMatchObject({ synIn: ['server1'], synAckOut: ['server0'], fromElsewhere: [] });
    expect(Object.keys(viaServer1.fromVip)).toEqual(['server0']);
    const syns = viaServer1.tunnelled.filter((p) => p.syn).map((p) => [p.node, p.direction, p.outer, p.innerDestination, p.vni, p.dsrService]);
    expect(syns).toEqual(expect.arrayContaining([
      ['server1', 'out', '10.0.2.2 -> 10.0.1.2:6081', '10.1.0.0:8080', 2, '20.1.10.2:80'],
      ['server0', 'in', '10.0.2.2 -> 10.0.1.2:6081', '10.1.0.0:8080', 2, '20.1.10.2:80'],
    ]));
    expect(syns).toHaveLength(2);
    expect(viaServer1.tunnelled.filter((p) => !p.syn && p.dsrService)).toEqual([]);
    expect(describeFlow(viaServer1)).toMatch(/with DSR option 20\.1\.10\.2:80 seen on server1 out x1, server0 in x1|seen on server0 in x1, server1 out x1/);
    const direct = flows.find((f) => f.synIn.includes('server0'))!;
    expect(direct).toMatchObject({ synIn: ['server0'], synAckOut: ['server0'], tunnelled: [] });
  });

  it('count a SYN as entering a node only when the node received it, and a reply as leaving only when it sent it', async () => {
    const [server0, server1] = [await recorded('server0'), await recorded('server1')];
    // the same packets, filed under the other direction: what a capture without direction could not tell apart
    const swapped = { server0: { in: server0.out, out: server0.in }, server1: { in: server1.out, out: server1.in } };
    const flows = [...observeFlows(service, swapped).values()];
    expect(flows.every((f) => f.synIn.length === 0 && f.synAckOut.length === 0 && Object.keys(f.fromVip).length === 0)).toBe(true);
  });

  it("read the DSR option only when class, type and length are Cilium's", () => {
    expect(dsrServiceOf({ class: 0x014b, type: 0x81, length: 2, data: '14010a0200500000' })).toBe('20.1.10.2:80');
    expect(dsrServiceOf({ class: 0x014b, type: 0x80, length: 2, data: '14010a0200500000' })).toBeUndefined();
    expect(dsrServiceOf({ class: 0x0000, type: 0x81, length: 2, data: '14010a0200500000' })).toBeUndefined();
  });
});
