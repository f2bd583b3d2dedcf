// The dsr checks, one claim each, judged on flows read from recorded captures (fixtures/pcap/directed):
// all pass on the recording, and each fails alone when its own claim is broken in the flows.
import { describe, expect, it } from 'vitest';
import type { DirectedFrames } from '../lab/checks/capturing.js';
import type { Check } from '../lab/checks/check.js';
import { dsrBackendSeesClient, dsrInnerDestinationIsBackend, dsrOptionOnSynOnly, dsrRepliesFromVip, dsrTunnelToBackendNode } from '../lab/checks/dsr.js';
import type { DsrFlows } from '../lab/checks/dsr-traffic.js';
import { observeFlows, type FlowObservation } from '../lab/checks/flows.js';
import { expectedBody } from '../lab/checks/traffic.js';
import { readPcap } from '../lab/pcap/read.js';
import { topology } from './default-lab.js';
import { fixturePath } from './fixtures.js';

async function recorded(server: string): Promise<DirectedFrames> {
  return { in: await readPcap(fixturePath(`pcap/directed/${server}-net0-in.pcap`)), out: await readPcap(fixturePath(`pcap/directed/${server}-net0-out.pcap`)) };
}

/** The recorded flows as the dsr traffic would hand them to the checks, each flow changed by `change`. */
async function traffic(change: (f: FlowObservation) => FlowObservation = (f) => f): Promise<DsrFlows> {
  const frames = { server0: await recorded('server0'), server1: await recorded('server1') };
  const observed = [...observeFlows({ vip: topology.service.vip, port: topology.service.port }, frames).values()].map(change);
  const flows = observed.map((flow) => {
    const [address, port] = flow.client.split(':');
    return { flow, exchange: { localAddress: address!, localPort: Number(port), status: 200, body: expectedBody(topology) } };
  });
  return {
    backendNode: 'server0',
    otherNodes: ['server1'],
    backendIp: '10.1.0.0',
    flows,
    captured: { value: flows.map((f) => f.exchange), frames, files: ['server0-net0-in.pcap'] },
    loggedClients: new Set(observed.map((f) => f.client)),
    through: flows.filter(({ flow }) => flow.synIn.includes('server1')).map((f) => ({ ...f, entered: 'server1' })),
  };
}

const CHECKS = {
  tunnel: dsrTunnelToBackendNode,
  inner: dsrInnerDestinationIsBackend,
  option: dsrOptionOnSynOnly,
  replies: dsrRepliesFromVip,
  client: dsrBackendSeesClient,
} as const;

async function failing(seen: DsrFlows): Promise<string[]> {
  const results = await Promise.all(Object.entries(CHECKS).map(async ([name, build]) => [name, await (build(topology, async () => seen) as Check).run()] as const));
  return results.filter(([, outcome]) => !outcome.ok).map(([name]) => name);
}

const tunnelled = (f: FlowObservation, edit: (p: FlowObservation['tunnelled'][number]) => object): FlowObservation => ({ ...f, tunnelled: f.tunnelled.map((p) => ({ ...p, ...edit(p) })) });

describe('the dsr checks on recorded flows', () => {
  it('all pass on the recording', async () => {
    expect(await failing(await traffic())).toEqual([]);
  });

  it('a wrong VNI fails the tunnel check only', async () => {
    expect(await failing(await traffic((f) => tunnelled(f, () => ({ vni: 6 }))))).toEqual(['tunnel']);
  });

  it('an inner destination left as the VIP fails the inner-destination check only', async () => {
    expect(await failing(await traffic((f) => tunnelled(f, () => ({ innerDestination: '20.1.10.2:80' }))))).toEqual(['inner']);
  });

  it('the option on every tunnelled packet fails the option check only', async () => {
    expect(await failing(await traffic((f) => tunnelled(f, () => ({ dsrService: '20.1.10.2:80' }))))).toEqual(['option']);
  });

  it('a flow into server1 that was never tunnelled leaves no inner destination to pass on (the tunnel and option checks fail too)', async () => {
    expect(await failing(await traffic((f) => ({ ...f, tunnelled: [] })))).toEqual(['tunnel', 'inner', 'option']);
  });

  it('a reply from the pod address fails the replies check only', async () => {
    expect(await failing(await traffic((f) => ({ ...f, fromElsewhere: [{ node: 'server0', source: '10.1.0.0:8080', frame: 1 }] })))).toEqual(['replies']);
  });

  it('no flow into server1 fails the checks about the tunnel, which have nothing to judge', async () => {
    const seen = await traffic();
    expect(await failing({ ...seen, through: [], flows: seen.flows.filter(({ flow }) => !flow.synIn.includes('server1')) })).toEqual(['tunnel', 'inner', 'option']);
  });
});
