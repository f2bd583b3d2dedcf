// The netns fabric's load balancer (bpf/lb_dsr.c) on each server's uplink (net0 in this lab): what Cilium's datapath does
// for the LoadBalancer Service in DSR mode with GENEVE dispatch.
import { existsSync, statSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { Address4 } from 'ip-address';
import { UserFacingError } from '../util/errors.js';
import { host } from '../exec/command.js';
import { repoRoot } from '../util/paths.js';
import { nodeIp, podKey, server as serverNode, type Lab } from '../description/index.js';
import type { Workload } from './manifest-plan.js';
import type { PlannedService } from './manifest-plan.js';
import type { DatapathFault } from '../controls/faults.js';
import type { DatapathSettings } from './faults.js';
import type { Allocation } from './ipam.js';
import { inNamespace } from './namespaces.js';
import type { RunRecord } from '../run/run-state.js';

const SOURCE = join(repoRoot, 'bpf', 'lb_dsr.c');
export const DATAPATH_OBJECT = join(repoRoot, '.build', 'lb_dsr.o');
const ATTACH_SCRIPT = join(repoRoot, 'lab', 'netns', 'attach-datapath.sh');

export function checkDatapathBuilt(): void {
  if (!existsSync(DATAPATH_OBJECT)) {
    throw new UserFacingError(`the datapath ${DATAPATH_OBJECT} is not built: run \`sudo npm run setup\` (or \`npm run build:bpf\`)`);
  }
  if (statSync(SOURCE).mtimeMs > statSync(DATAPATH_OBJECT).mtimeMs) {
    throw new UserFacingError(`bpf/lb_dsr.c changed after ${DATAPATH_OBJECT} was built: run \`npm run build:bpf\``);
  }
}

/** Bytes as bpftool takes them: "0a 00 01 02". */
function hex(bytes: readonly number[]): string {
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

const be32 = (address: string): number[] => new Address4(address).toArray();
const be16 = (n: number): number[] => [n >> 8, n & 0xff];
/** a field the C structs keep in host byte order */
const host16 = (n: number): number[] => (endianness() === 'LE' ? [n & 0xff, n >> 8] : be16(n));
const host32 = (n: number): number[] => (endianness() === 'LE' ? [...host16(n & 0xffff), ...host16(n >>> 16)] : [...be16(n >>> 16), ...be16(n & 0xffff)]);

// bpf/lb_dsr.c's LB_MODE_* and LB_FLAG_* (test/datapath-entries.test.ts compares them with the source)
export const MODES = { dsr: 0, snat: 1 } as const;
export const FAULT_FLAGS: Record<DatapathFault, number> = {
  'no-dsr-option': 1,
  'node-identity-vni': 2,
  'dsr-option-on-every-packet': 4,
  'untranslated-inner-destination': 8,
};

/** The map entries for one server, in bpf/lb_dsr.c's struct layouts: [map, key, value]. */
export function datapathEntries(
  t: Lab,
  server: string,
  service: PlannedService,
  workloads: readonly Workload[],
  allocation: Allocation,
  settings: DatapathSettings = { mode: 'dsr', faults: [] },
): [string, string, string][] {
  const backends = service.backends.map((ref) => {
    const pod = workloads.find((w) => podKey(w) === podKey(ref));
    const ip = allocation.podIps[podKey(ref)];
    if (!pod || !ip) throw new Error(`the backend ${podKey(ref)} has no address`);
    // struct lb_backend { be32 addr; be32 node_addr; be16 port; u16 pad; }
    return [...be32(ip), ...be32(nodeIp(t, pod.node)), ...be16(service.targetPort), 0, 0];
  });
  // struct lb_config { be32 node_addr; be32 vip; be16 vport; u16 backend_count; u16 mode; u16 flags; }
  const config = [
    ...be32(nodeIp(t, server)), ...be32(service.vip), ...be16(service.port), ...host16(backends.length),
    ...host16(MODES[settings.mode]), ...host16(settings.faults.reduce((flags, f) => flags | FAULT_FLAGS[f], 0)),
  ];
  return [
    ['lb_config', hex(host32(0)), hex(config)],
    ...backends.map((backend, index): [string, string, string] => ['lb_backends', hex(host32(index)), hex(backend)]),
  ];
}

/**
 * Attaches the load balancer to `server`'s uplink, recording first how teardown detaches it: removing the
 * clsact qdisc frees its programs at once, where deleting the namespace frees them only once the kernel
 * destroys it, which its orphaned sockets can delay (RunState.detach).
 */
export async function attachDatapath(
  run: RunRecord,
  t: Lab,
  server: string,
  netns: string,
  service: PlannedService,
  workloads: readonly Workload[],
  allocation: Allocation,
  settings: DatapathSettings,
): Promise<void> {
  // the server's link to the router, as the topology names it
  const { uplink } = serverNode(t, server);
  run.addDetach(['tc', '-netns', netns, 'qdisc', 'del', 'dev', uplink, 'clsact']);
  await host.run([
    ...inNamespace(netns),
    'unshare', '--mount', '--propagation', 'private', '--',
    'bash', ATTACH_SCRIPT, DATAPATH_OBJECT, uplink,
    ...datapathEntries(t, server, service, workloads, allocation, settings).flat(),
  ]);
}
