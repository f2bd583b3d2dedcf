import { describe, expect, it } from 'vitest';
import { dsrServiceOf, observeFlows } from '../lab/checks/flows.js';
import { readPcap } from '../lab/pcap/read.js';
import { fixturePath } from './fixtures.js';

const service = { vip: '20.1.10.2', port: 80 };

describe('flows read from the servers\' net0 captures', () => {
  it('follow a flow into server1, through GENEVE with the DSR option, and its replies out of server0', async () => {
    const flows = observeFlows(service, {
      server0: await readPcap(fixturePath('pcap/dsr-server0-net0.pcap')),
      server1: await readPcap(fixturePath('pcap/dsr-server1-net0.pcap')),
    });
    const viaServer1 = flows.get('10.0.2.1:20001');
    expect(viaServer1).toMatchObject({ synIn: ['server1'], synAckOut: ['server0'], fromElsewhere: [] });
    expect(Object.keys(viaServer1!.fromVip)).toEqual(['server0']);
    const tunnelledSyns = viaServer1!.tunnelled.filter((p) => p.syn);
    expect(tunnelledSyns.map((p) => [p.node, p.outer, p.innerDestination, p.vni, p.dsrService])).toEqual([
      ['server0', '10.0.2.2 -> 10.0.1.2:6081', '10.1.0.1:8080', 2, '20.1.10.2:80'],
      ['server1', '10.0.2.2 -> 10.0.1.2:6081', '10.1.0.1:8080', 2, '20.1.10.2:80'],
    ]);
    expect(viaServer1!.tunnelled.filter((p) => !p.syn && p.dsrService)).toEqual([]);
    expect(flows.get('10.0.1.1:20002')).toMatchObject({ synIn: ['server0'], synAckOut: ['server0'], tunnelled: [] });
  });

  it('read the DSR option only when class, type and length are Cilium\'s', () => {
    expect(dsrServiceOf({ class: 0x014b, type: 0x81, length: 2, data: '14010a0200500000' })).toBe('20.1.10.2:80');
    expect(dsrServiceOf({ class: 0x014b, type: 0x80, length: 2, data: '14010a0200500000' })).toBeUndefined();
    expect(dsrServiceOf({ class: 0x0000, type: 0x81, length: 2, data: '14010a0200500000' })).toBeUndefined();
  });
});
