// How the netns fabric makes each fault of lab/faults.ts. Datapath faults are settings of the load
// balancer when it is attached; the others are made once the fabric has converged, the way an operator
// or a crash would make them, and then awaited until router0 or the node shows their effect.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { host } from '../exec/command.js';
import { DATAPATH_FAULTS, type DatapathFault, type FaultName } from '../faults.js';
import { pollUntil } from '../poll.js';
import { kernelPaths, kernelRoutes } from '../probes/routing.js';
import { podKey, serverNames, type Topology } from '../topology.js';
import { addTransitHop, steerByPort } from './policy-faults.js';
import { speakerProcessName } from './gobgp.js';
import { birdConfigPath } from './bird.js';
import type { NetnsDescription } from './description.js';
import { NetnsFabric } from './fabric.js';
import { BLOCK_EXPORT_TABLE } from './pods.js';
import type { RunRecord } from '../run/run-state.js';

/** The faults are made on server1: the server without the backend, so that they show in dsr too. */
const FAULTY_SERVER = 'server1';

export interface DatapathSettings {
  readonly mode: 'dsr' | 'snat';
  /** the datapath faults asked for: mistakes the load balancer makes when it tunnels */
  readonly faults: readonly DatapathFault[];
}

/** The load balancer's settings: the mode the manifests' Helm values choose, and the datapath faults. */
export function datapathSettings(mode: DatapathSettings['mode'], faults: readonly FaultName[]): DatapathSettings {
  return { mode, faults: DATAPATH_FAULTS.filter((f) => faults.includes(f)) };
}

/** Until router0's FIB routes `prefix` through as many paths as `count` (0: not at all). */
async function awaitRouter0(fabric: NetnsFabric, prefix: string, count: number, why: string): Promise<void> {
  await pollUntil({
    what: `router0 routes ${prefix} through ${count} path${count === 1 ? '' : 's'} (${why})`,
    // a speaker that vanished without a word is held for its graceful-restart time, 15 s
    timeoutMs: 20_000,
    check: async () => {
      const seen = kernelPaths((await kernelRoutes(fabric, 'router0', prefix)).value);
      return { done: seen.length === count, seen: `{${seen.join(', ')}}` };
    },
  });
}

export async function makeFault(fault: FaultName, t: Topology, d: NetnsDescription, run: RunRecord): Promise<void> {
  const fabric = new NetnsFabric(d);
  const vip = `${t.service.vip}/32`;
  switch (fault) {
    case 'router-session-down':
      await fabric.birdc(FAULTY_SERVER, ['disable', 'router0']);
      return awaitRouter0(fabric, vip, 1, fault);
    case 'cilium-session-down':
      run.stopProcess(speakerProcessName(FAULTY_SERVER));
      return awaitRouter0(fabric, vip, 1, fault);
    case 'no-multipath': {
      const config = readFileSync(birdConfigPath('router0'), 'utf8');
      if (!config.includes('merge paths on;')) throw new Error(`cannot make no-multipath: ${birdConfigPath('router0')} has no 'merge paths on;'`);
      const file = join(d.runDir, 'router0-no-multipath.conf');
      writeFileSync(file, config.replace('merge paths on;', 'merge paths off;'));
      await fabric.birdc('router0', ['configure', `"${file}"`]);
      return awaitRouter0(fabric, vip, 1, fault);
    }
    case 'no-pod-routes':
      for (const server of serverNames) {
        for (const block of d.addressBlocks[server]) {
          await host.run(['ip', '-n', d.namespaces[server], 'route', 'del', block, 'table', String(BLOCK_EXPORT_TABLE)]);
          await awaitRouter0(fabric, block, 0, fault);
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
  }
}
