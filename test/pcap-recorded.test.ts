// Captures recorded on the netns fabric: tcpdump on net0 of server0 and server1 while router0 curled the
// LoadBalancer VIP 20.1.10.2:80. server1 tunnels the connection it got to the backend on server0 in
// GENEVE, with Cilium's DSR option on the SYN; server0 answers the client from the VIP itself.
import { describe, expect, it } from 'vitest';
import { readPcap } from '../lab/pcap/read.js';
import { fixturePath } from './fixtures.js';

const SYN = 0x02;
const SYN_ACK = 0x12;
const ACK = 0x10;
const PSH_ACK = 0x18;

const tunnel = { src: '10.0.2.2', dst: '10.0.1.2', proto: 17, sport: 56856, dport: 6081 };
const clientToBackend = { src: '10.0.2.1', dst: '10.1.0.1', proto: 6, sport: 20001, dport: 8080 };
// Cilium's DSR option (class 0x014B, type 0x81): the VIP 20.1.10.2 (14 01 0a 02) and port 80 (00 50).
const dsrOption = { class: 0x014b, type: 0x81, length: 2, data: '14010a0200500000' };

describe('captures from the netns fabric', () => {
  it('server1 tunnels the SYN for the VIP to server0 in GENEVE, with the DSR option', async () => {
    const frames = await readPcap(fixturePath('pcap/dsr-server1-net0.pcap'));
    expect(frames.slice(0, 2)).toEqual([
      { frame: 1, outer: { src: '10.0.2.1', dst: '20.1.10.2', proto: 6, sport: 20001, dport: 80 }, tcpFlags: SYN },
      { frame: 2, outer: tunnel, tcpFlags: SYN, geneve: { vni: 2, protocolType: 0x6558, options: [dsrOption] }, inner: clientToBackend },
    ]);
  });

  it('server1 tunnels the later packets of the flow in GENEVE without options', async () => {
    const frames = await readPcap(fixturePath('pcap/dsr-server1-net0.pcap'));
    expect(frames[3]).toEqual({ frame: 4, outer: tunnel, tcpFlags: ACK, geneve: { vni: 2, protocolType: 0x6558, options: [] }, inner: clientToBackend });
    expect(frames.filter((f) => f.geneve).map((f) => f.geneve?.options.length)).toEqual([1, 0, 0, 0, 0, 0]);
  });

  it('server0 gets the tunnelled SYN and answers the client from the VIP, not through the tunnel', async () => {
    const frames = await readPcap(fixturePath('pcap/dsr-server0-net0.pcap'));
    expect(frames[0]).toEqual({
      frame: 1,
      outer: tunnel,
      tcpFlags: SYN,
      geneve: { vni: 2, protocolType: 0x6558, options: [dsrOption] },
      inner: clientToBackend,
    });
    expect(frames[1]).toEqual({ frame: 2, outer: { src: '20.1.10.2', dst: '10.0.2.1', proto: 6, sport: 80, dport: 20001 }, tcpFlags: SYN_ACK });
    expect(frames[5]).toEqual({ frame: 6, outer: { src: '20.1.10.2', dst: '10.0.2.1', proto: 6, sport: 80, dport: 20001 }, tcpFlags: PSH_ACK });
  });

  it('decodes every frame whole', async () => {
    const server0 = await readPcap(fixturePath('pcap/dsr-server0-net0.pcap'));
    const server1 = await readPcap(fixturePath('pcap/dsr-server1-net0.pcap'));
    expect([server0.length, server1.length]).toEqual([40, 12]);
    expect([...server0, ...server1].filter((f) => f.malformed !== undefined || f.outer === undefined)).toEqual([]);
  });
});
