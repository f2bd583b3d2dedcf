// The netns datapath's map entries: the layouts of bpf/lb_dsr.c's structs, and its modes and fault flags.
import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATAPATH_FAULTS } from '../lab/controls/faults.js';
import { datapathEntries, FAULT_FLAGS, MODES } from '../lab/netns/datapath.js';
import { repoRoot } from '../lab/util/paths.js';
import { allocate } from '../lab/netns/ipam.js';
import { serverNames } from '../lab/description/index.js';
import { topology } from './default-lab.js';

const pods = topology.pods.map((p) => ({ namespace: p.namespace, name: p.name, node: p.server }));

describe("the datapath's map entries, in the C struct layouts", () => {
  it.runIf(endianness() === 'LE')('give each server its node address, the VIP and the backend on server0', () => {
    const allocation = allocate(topology.podPool, serverNames(topology), pods);
    const { service, workloads } = { service: { vip: topology.service.vip, port: topology.service.port, targetPort: topology.service.targetPort, backends: [topology.service.backend] }, workloads: pods };
    expect(datapathEntries(topology, 'server1', service, workloads, allocation)).toEqual([
      // node 10.0.2.2, VIP 20.1.10.2, port 80 (network order), 1 backend, mode DSR, no flags (host order)
      ['lb_config', '00 00 00 00', '0a 00 02 02 14 01 0a 02 00 50 01 00 00 00 00 00'],
      // pod 10.1.0.0 on node 10.0.1.2, port 8080
      ['lb_backends', '00 00 00 00', '0a 01 00 00 0a 00 01 02 1f 90 00 00'],
    ]);
    expect(datapathEntries(topology, 'server0', service, workloads, allocation)[0]?.[2]).toBe('0a 00 01 02 14 01 0a 02 00 50 01 00 00 00 00 00');
    // mode SNAT, flags no-dsr-option | untranslated-inner-destination = 9
    expect(datapathEntries(topology, 'server1', service, workloads, allocation, { mode: 'snat', faults: ['no-dsr-option', 'untranslated-inner-destination'] })[0]?.[2]).toBe(
      '0a 00 02 02 14 01 0a 02 00 50 01 00 01 00 09 00',
    );
  });

  it("use bpf/lb_dsr.c's own mode and flag values, one flag for each datapath fault", () => {
    const source = readFileSync(join(repoRoot, 'bpf', 'lb_dsr.c'), 'utf8');
    const defines = Object.fromEntries([...source.matchAll(/^#define (LB_(?:MODE|FLAG)_\w+) (\d+)/gm)].map((m) => [m[1]!, Number(m[2])]));
    expect(defines).toEqual({
      LB_MODE_DSR: MODES.dsr,
      LB_MODE_SNAT: MODES.snat,
      LB_FLAG_NO_DSR_OPTION: FAULT_FLAGS['no-dsr-option'],
      LB_FLAG_NODE_IDENTITY_VNI: FAULT_FLAGS['node-identity-vni'],
      LB_FLAG_DSR_OPTION_EVERY_PACKET: FAULT_FLAGS['dsr-option-on-every-packet'],
      LB_FLAG_UNTRANSLATED_INNER: FAULT_FLAGS['untranslated-inner-destination'],
    });
    expect(Object.keys(FAULT_FLAGS).sort()).toEqual([...DATAPATH_FAULTS].sort());
  });
});
