// How the netns fabric makes each fault of lab/controls/faults.ts. Datapath faults are settings of the load
// balancer when it is attached; the others are made once the fabric has converged, the way an operator
// or a crash would make them, and then awaited until router0 or the node shows their effect.
import { host } from '../exec/command.js';
import { DATAPATH_FAULTS, type DatapathFault, type FaultName } from '../controls/faults.js';
import { pollUntil } from '../util/poll.js';
import { kernelPaths, kernelRoutes } from '../probes/routing.js';
import { boundMs, FAILOVER_WAYS } from '../checks/failover-bounds.js';
import { backendServer, labNode, routerSession, serverNames, podKey, disruptedServer, type Lab } from '../description/index.js';
import { addTransitHop, steerByPort } from './policy-faults.js';
import { speakerProcessName } from './gobgp.js';
import { reconfigureBird } from './bird-faults.js';
import { netnsOf, type NetnsDescription, type NetnsVariations } from './description.js';
import { NetnsFabric } from './netns-fabric.js';
import { BLOCK_EXPORT_TABLE } from './pods.js';
import type { RunRecord } from '../run/run-state.js';


export interface DatapathSettings {
  readonly mode: 'dsr' | 'snat';
  /** the datapath faults asked for: mistakes the load balancer makes when it tunnels */
  readonly faults: readonly DatapathFault[];
}

/** The load balancer's settings: the mode the manifests' Helm values choose, and the datapath faults. */
export function datapathSettings(mode: DatapathSettings['mode'], faults: readonly FaultName[]): DatapathSettings {
  return { mode, faults: DATAPATH_FAULTS.filter((f) => faults.includes(f)) };
}

/** How the netns fabric's own mechanisms are built where a fault changes them (NetnsVariations): the only place that maps a fault's name to a mechanism. */
export function netnsVariations(t: Lab, faults: readonly FaultName[]): NetnsVariations {
  return {
    // the server the failover specs disrupt: one without the backend (lab/checks/catalog.ts)
    switchedServers: faults.includes('link-loss-hidden-by-switch') ? [disruptedServer(t)] : [],
    speakerStop: faults.includes('speaker-stops-without-notification') ? 'SIGKILL' : 'SIGTERM',
    // past the lab's graceful restart time, and BIRD's and the kernel's work after it: the crash way's
    // failover bound (failover-bounds.ts), so that the flush has reached the router's FIB before the speaker is back
    speakerStartDelayMs: faults.includes('speaker-back-after-restart-time') ? boundMs(FAILOVER_WAYS.find((w) => w.id === 'speaker-crash')!.bound(t, disruptedServer(t))) : 0,
  };
}

/** The kernel export filter's last lines in bird/server-common.conf: the one for LoadBalancer VIPs goes for vip-in-server-fib. */
const KERNEL_VIP_FILTER = [
  'if CILIUM_PODCIDR ~ bgp_community && bgp_next_hop = 127.0.0.1 then reject;',
  '      if CILIUM_SERVICE ~ bgp_community then reject;',
  '      if CILIUM_OTHER_SERVICE ~ bgp_community then reject;',
  '      if CILIUM_LB_VIP ~ bgp_community then reject;',
].join('\n');

/** Until `node`'s FIB routes `prefix` through `count` paths (0: not at all; 'some': at least one), the fault's effect. */
async function awaitPaths(fabric: NetnsFabric, node: string, prefix: string, count: number | 'some', why: string): Promise<void> {
  await pollUntil({
    what: `${node} routes ${prefix} through ${count === 'some' ? 'some' : count} path${count === 1 ? '' : 's'} (${why})`,
    // a speaker that vanished without a word is held for its graceful-restart time, 15 s
    timeoutMs: 20_000,
    check: async () => {
      const seen = kernelPaths((await kernelRoutes(fabric, node, prefix)).value);
      return { done: count === 'some' ? seen.length > 0 : seen.length === count, seen: `{${seen.join(', ')}}` };
    },
  });
}


export async function makeFault(fault: FaultName, t: Lab, d: NetnsDescription, run: RunRecord): Promise<void> {
  const fabric = new NetnsFabric(d);
  const vip = `${t.service.vip}/32`;
  // Made on a server without the backend, so that they show in dsr too.
  const faulty = disruptedServer(t);
  // The backend's node: its own FIB the VIP's traffic never consults (the datapath takes it first).
  const vipExporting = backendServer(t);
  const router = t.router.name;
  const awaitRouter0 = (prefix: string, count: number, why: string): Promise<void> => awaitPaths(fabric, router, prefix, count, why);
  const birdFile = (node: string): string => labNode(t, node).bird.file;
  switch (fault) {
    case 'router-session-down':
      await fabric.birdc(faulty, ['disable', routerSession(t, faulty).protocol]);
      return awaitRouter0(vip, t.service.advertisedBy.length - 1, fault);
    case 'cilium-session-down':
      run.stopProcess(speakerProcessName(faulty));
      return awaitRouter0(vip, t.service.advertisedBy.length - 1, fault);
    case 'no-multipath':
      await reconfigureBird(fabric, d.runDir, router, birdFile(router), fault, { file: 'own', from: 'merge paths on;', to: 'merge paths off;' });
      return awaitRouter0(vip, 1, fault);
    case 'vip-in-server-fib':
      await reconfigureBird(fabric, d.runDir, vipExporting, birdFile(vipExporting), fault, { file: 'server-common.conf', from: KERNEL_VIP_FILTER, to: KERNEL_VIP_FILTER.replace(/\n.*CILIUM_LB_VIP.*$/, '') });
      return awaitPaths(fabric, vipExporting, vip, 'some', fault);
    case 'no-pod-routes':
      for (const server of serverNames(t)) {
        for (const block of d.addressBlocks[server] ?? []) {
          await host.run(['ip', '-n', netnsOf(d, server), 'route', 'del', block, 'table', String(BLOCK_EXPORT_TABLE)]);
          await awaitRouter0(block, 0, fault);
        }
      }
      return;
    case 'pod-path-extra-hop':
      return addTransitHop(t, d, run);
    case 'flows-steered-by-port':
      return steerByPort(t, d);
    case 'echo-down':
      return run.stopProcess(`http-echo ${podKey(t.service.backend)}`);
    case 'no-dsr-option':
    case 'node-identity-vni':
    case 'dsr-option-on-every-packet':
    case 'untranslated-inner-destination':
      return; // made by datapathSettings when the load balancer is attached
    case 'link-loss-hidden-by-switch':
      return; // made by wireLinks when the links are made
    case 'speaker-stops-without-notification':
      return; // made by NetnsDisruptions when a speaker is withdrawn
    case 'speaker-back-after-restart-time':
      return; // made by NetnsDisruptions when a crashed speaker is started again
  }
}
