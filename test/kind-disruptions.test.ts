// The failover specs' disruptions on the real lab, as the commands they run (recorded here, since no
// Docker engine runs on this machine): the agent pod deleted and its successor awaited, the node's
// selecting labels removed and put back, net0 down and up with its default route.
import { describe, expect, it } from 'vitest';
import type { CommandResult, Executor, RunOptions } from '../lab/exec/command.js';
import { setUplink } from '../lab/fabric/disruptions.js';
import { KindDisruptions, parseAgentPods } from '../lab/kind/disruptions.js';
import { kindLab } from '../lab/kind/names.js';
import { readClusterIntent } from '../lab/manifests/intent.js';
import { DEFAULT_MANIFESTS, KIND_CLUSTER_CONFIG } from '../lab/util/paths.js';
import { topology } from './default-lab.js';

const lab = kindLab(topology);
const WORKER = lab.kindNodes.server1;
const KUBECTL = `kubectl --kubeconfig /run/k`;
const GET_AGENTS = `${KUBECTL} -n kube-system get pods -l k8s-app=cilium --field-selector spec.nodeName=${WORKER} -o json`;

const podList = (...pods: { name: string; uid: string; ready: boolean; deleting?: boolean }[]): string =>
  JSON.stringify({
    kind: 'List',
    items: pods.map((p) => ({
      metadata: { name: p.name, uid: p.uid, ...(p.deleting ? { deletionTimestamp: '2026-11-30T06:00:00Z' } : {}) },
      status: { conditions: [{ type: 'Ready', status: p.ready ? 'True' : 'False' }] },
    })),
  });

/** An executor that records every command and answers `kubectl get pods` from `listings`, one per call. */
function recorder(listings: string[] = []): { exec: Executor; commands: string[] } {
  const commands: string[] = [];
  const exec: Executor = {
    where: 'host',
    run: async (argv: readonly string[], _options?: RunOptions): Promise<CommandResult> => {
      const line = argv.join(' ');
      commands.push(line);
      const stdout = line === GET_AGENTS ? (listings.length > 1 ? listings.shift()! : listings[0]!) : '';
      return { command: argv, exitCode: 0, stdout, stderr: '' };
    },
  };
  return { exec, commands };
}

function disruptions(host: Executor, runId = 'a1b2c3'): KindDisruptions {
  const speakers = () => readClusterIntent(DEFAULT_MANIFESTS, KIND_CLUSTER_CONFIG).speakers;
  return new KindDisruptions({ kubeconfig: '/run/k', names: lab, runId, runDir: '/nonexistent/run' }, speakers, host, 1);
}

describe('the kind fabric disrupts the lab as a user would', () => {
  it("restarts the speaker by deleting the node's Cilium agent pod, then waits for a new one to be Ready", async () => {
    const { exec, commands } = recorder([
      podList({ name: 'cilium-old', uid: 'u-old', ready: true }),
      podList({ name: 'cilium-old', uid: 'u-old', ready: true, deleting: true }),
      podList({ name: 'cilium-new', uid: 'u-new', ready: false }),
      podList({ name: 'cilium-new', uid: 'u-new', ready: true }),
    ]);
    const d = disruptions(exec);
    await d.killSpeaker('server1');
    await d.startSpeaker('server1');
    expect(commands).toEqual([GET_AGENTS, `${KUBECTL} -n kube-system delete pod cilium-old --wait=false`, GET_AGENTS, GET_AGENTS, GET_AGENTS]);
  });

  it('refuses to guess which agent to delete when the node has none or several', async () => {
    const d = disruptions(recorder([podList()]).exec);
    await expect(d.killSpeaker('server1')).rejects.toThrow(`${WORKER}: expected one Cilium agent pod, found none`);
  });

  it('stops the speaker for good by removing the labels its CiliumBGPClusterConfig selects, and puts them back', async () => {
    const { exec, commands } = recorder();
    const d = disruptions(exec);
    await d.withdrawSpeaker('server1');
    await d.restoreSpeaker('server1');
    expect(commands).toEqual([`${KUBECTL} label node ${WORKER} bgp-`, `${KUBECTL} label node ${WORKER} --overwrite bgp=65001`]);
  });

  it("takes net0 down in the server's kind node, and brings it up with its default route through router0", async () => {
    const node = recorder();
    await setUplink(node.exec, topology, 'server1', 'down');
    await setUplink(node.exec, topology, 'server1', 'up');
    expect(node.commands).toEqual(['ip link set net0 down', 'ip link set net0 up', 'ip route replace default via 10.0.2.1 dev net0']);
  });

  it('says why it cannot keep a crashed agent down, and refuses every disruption on a lab it only attached to', () => {
    expect(disruptions(recorder().exec).cannotKeepSpeakerDown).toMatch(/DaemonSet/);
    expect(disruptions(recorder().exec).refused).toBeUndefined();
    expect(disruptions(recorder().exec, 'attached').refused).toMatch(/did not make/);
  });

  it('reads agent pods only from a pod list', () => {
    expect(parseAgentPods(podList({ name: 'cilium-x', uid: 'u', ready: true }))).toEqual([{ name: 'cilium-x', uid: 'u', ready: true, deleting: false }]);
    expect(() => parseAgentPods('{"kind":"Status","status":"Failure"}')).toThrow('expected a pod list from kubectl, got kind "Status"');
  });
});
