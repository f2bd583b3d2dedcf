// Pods of the netns fabric, wired the way a routed CNI (Coil) wires them: a veth per pod, the pod's
// address as a /32 on its eth0 with a default route through a link-local gateway on the node's end,
// a /32 route per pod on the node, and the node's address blocks in table 119 for BIRD to learn.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../util/paths.js';
import { pollUntil } from '../util/poll.js';
import { podKey } from '../description/index.js';
import type { Workload } from './manifest-plan.js';
import type { NetnsPod } from './description.js';
import type { Allocation } from './ipam.js';
import { createNamespace, inNamespace, ipBatch } from './namespaces.js';
import { spawnDaemon } from '../run/processes.js';
import type { RunRecord } from '../run/run-state.js';

/** Coil's tables: per-pod routes in 116 (looked up by a rule at priority 2000), blocks in 119. */
export const POD_ROUTE_TABLE = 116;
export const POD_RULE_PRIORITY = 2000;
export const BLOCK_EXPORT_TABLE = 119;
/** the protocol id Coil marks its exported block routes with */
export const COIL_ROUTE_PROTOCOL = 30;
/** every pod's default gateway: the node's end of the pod's veth */
export const POD_GATEWAY = '169.254.1.1';

function hostVethName(pod: Workload): string {
  return `veth${createHash('sha1').update(podKey(pod)).digest('hex').slice(0, 8)}`;
}

/** Routes the server's blocks into table 119 and installs the rule for per-pod routes. */
export async function exportBlocks(server: string, netns: string, allocation: Allocation): Promise<void> {
  await ipBatch(netns, [
    `rule add priority ${POD_RULE_PRIORITY} table ${POD_ROUTE_TABLE}`,
    ...(allocation.blocks[server] ?? []).map(
      (block) => `route add blackhole ${block} table ${BLOCK_EXPORT_TABLE} proto ${COIL_ROUTE_PROTOCOL}`,
    ),
  ]);
}

export async function createPod(
  run: RunRecord,
  pod: Workload,
  nodeNetns: string,
  ip: string,
): Promise<NetnsPod> {
  const netns = run.namespaceName(`pod-${pod.namespace}-${pod.name}`);
  await createNamespace(run, netns, false);
  const veth = hostVethName(pod);
  await ipBatch(nodeNetns, [
    `link add ${veth} type veth peer name eth0 netns ${netns}`,
    `link set ${veth} up`,
    `address add ${POD_GATEWAY}/32 dev ${veth}`,
    `route add ${ip}/32 dev ${veth} table ${POD_ROUTE_TABLE}`,
  ]);
  await ipBatch(netns, [
    `address add ${ip}/32 dev eth0`,
    'link set eth0 up',
    `route add ${POD_GATEWAY} dev eth0 scope link`,
    `route add default via ${POD_GATEWAY} dev eth0`,
  ]);
  return { namespace: pod.namespace, name: pod.name, node: pod.node, netns, ip };
}

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

let echoEntry: Promise<string[]> | undefined;

/**
 * How node starts the echo server: the JavaScript `npm run build` made of it (.build/js/), when that build
 * is lab/ as it is now (bin/build-stamp.mjs, decided once a process), which starts in about 0.05 s of CPU;
 * else the TypeScript through tsx, about 0.35 s (six fabrics a run, each with its echo server). The stamp's
 * module is found from the repository at run time: the build of lab/ does not hold bin/.
 */
function echoCommand(): Promise<string[]> {
  return (echoEntry ??= (async () => {
    const stamp = (await import(pathToFileURL(join(repoRoot, 'bin', 'build-stamp.mjs')).href)) as typeof import('../../bin/build-stamp.mjs');
    return stamp.buildState(repoRoot) === 'fresh'
      ? [join(repoRoot, stamp.BUILD_DIR, ECHO_SOURCE.replace(/\.ts$/, '.js'))]
      : ['--import', tsxLoader, join(repoRoot, ECHO_SOURCE)];
  })());
}

/** The echo server's source, relative to the repository (lab/run/leftovers.ts finds a server left running by it, or by its build). */
export const ECHO_SOURCE = 'lab/workloads/http-echo.ts';

/** Runs the pod's http-echo server; its stdout is the pod's log. */
export async function startEcho(run: RunRecord, workloads: readonly Workload[], pod: NetnsPod): Promise<NetnsPod> {
  const echo = workloads.find((w) => w.namespace === pod.namespace && w.name === pod.name)?.echo;
  if (!echo) return pod;
  const logFile = join(run.dir, `pod-${pod.namespace}-${pod.name}.log`);
  const argv = [...inNamespace(pod.netns), process.execPath, ...(await echoCommand()), '--listen', `:${echo.port}`, '--text', echo.text];
  run.addProcess(spawnDaemon(`http-echo ${podKey(pod)}`, argv, logFile));
  return { ...pod, logFile };
}

/** Waits until the pod's echo server says it listens, as http-echo does on start. */
export async function waitForEcho(pod: NetnsPod): Promise<void> {
  const { logFile } = pod;
  if (!logFile) return;
  await pollUntil({
    what: `the echo server of ${podKey(pod)} listens`,
    timeoutMs: 10_000,
    intervalMs: 20,
    check: async () => {
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
      return { done: log.includes('server is listening on'), seen: log.trim() || 'no output yet' };
    },
  });
}
