// LAB_FABRIC=kind LAB_REUSE=1 on a lab this harness did not make (the published demo's Makefile deployed
// it): judged from recorded `kind get clusters` and `docker ps` outputs and the API's view of Cilium;
// attached only when whole, never touched.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandResult, Executor } from '../lab/exec/command.js';
import { attachToLab, checkWholeLab, ciliumParts, judgeExistingLab } from '../lab/kind/attach.js';
import { kindLab } from '../lab/kind/names.js';
import { topology } from './default-lab.js';
import { scratchDir } from './fixtures.js';

const lab = kindLab(topology);
const DEMO_DOCKER_PS = [
  'clab-bgpv2-bird-coil-router0', 'clab-bgpv2-bird-coil-server1', 'clab-bgpv2-bird-coil-server0',
  'bgpv2-bird-coil-worker', 'bgpv2-bird-coil-control-plane', 'registry',
].join('\n');
const KUBECONFIG = 'apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://127.0.0.1:40671\n  name: kind-bgpv2-bird-coil\n';

function hostWith(answers: Record<string, Partial<CommandResult>>): Executor & { ran: string[] } {
  const ran: string[] = [];
  return {
    where: 'test',
    ran,
    run: async (argv) => {
      ran.push(argv.join(' '));
      const a = answers[argv.join(' ')] ?? { exitCode: 127, stderr: 'not recorded' };
      return { command: argv, exitCode: 0, stdout: '', stderr: '', ...a };
    },
  };
}

describe('attaching to a lab the harness did not make', () => {
  it("takes the demo's whole lab, with its kubeconfig from kind, and runs nothing that changes it", async () => {
    const dir = scratchDir('attach-');
    const exec = hostWith({
      'kind get clusters': { stdout: 'bgpv2-bird-coil\n' },
      'docker ps --format {{.Names}}': { stdout: DEMO_DOCKER_PS },
      'kind get kubeconfig --name bgpv2-bird-coil': { stdout: KUBECONFIG },
    });
    const { description, said } = await attachToLab(topology, async () => ({ ciliumAgentsReady: { ready: 2, desired: 2 } }), exec, dir);
    expect(description).toMatchObject({ fabric: 'kind', runId: 'attached', kubeconfig: join(dir, 'kubeconfig') });
    expect(readFileSync(join(dir, 'kubeconfig'), 'utf8')).toBe(KUBECONFIG);
    expect(said).toMatch(/attached to the bgpv2-bird-coil lab this harness did not make .*; it will not create, change or delete any of it$/);
    expect(exec.ran).toEqual(['kind get clusters', 'docker ps --format {{.Names}}', 'kind get kubeconfig --name bgpv2-bird-coil']);
  });

  it('says no lab is up when only a cluster of another name runs', () => {
    const existing = judgeExistingLab(lab, 'kind\n', 'kind-control-plane\n');
    expect(existing.found).toEqual([]);
    expect(() => checkWholeLab(lab, existing)).toThrow(/no bgpv2-bird-coil lab is up .*`sudo make deploy`/);
  });

  it('refuses a half-deployed lab, naming what it found and what is missing, and writes nothing', async () => {
    const dir = join(scratchDir('attach-'), 'attached');
    const exec = hostWith({
      'kind get clusters': { stdout: 'bgpv2-bird-coil\n' },
      'docker ps --format {{.Names}}': { stdout: 'bgpv2-bird-coil-worker\nbgpv2-bird-coil-control-plane\n' },
    });
    await expect(attachToLab(topology, async () => ({}), exec, dir)).rejects.toThrow(
      /only partly up: found kind cluster bgpv2-bird-coil, kind node bgpv2-bird-coil-control-plane, kind node bgpv2-bird-coil-worker; missing containerlab node clab-bgpv2-bird-coil-router0, .*never creates or deletes/,
    );
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses a cluster where Cilium is not installed, or its agents are not Ready', () => {
    const whole = judgeExistingLab(lab, 'bgpv2-bird-coil\n', DEMO_DOCKER_PS);
    // the API's DaemonSet, as `kubectl get daemonset -n kube-system cilium -o json` shows its status
    const recorded = JSON.parse('{"kind":"DaemonSet","metadata":{"name":"cilium","namespace":"kube-system"},"status":{"currentNumberScheduled":2,"desiredNumberScheduled":2,"numberAvailable":1,"numberReady":1,"numberUnavailable":1}}');
    expect(ciliumParts(recorded)).toEqual({ ciliumAgentsReady: { ready: 1, desired: 2 } });
    expect(ciliumParts(undefined)).toEqual({});
    expect(() => checkWholeLab(lab, whole, {})).toThrow(/missing Cilium \(no DaemonSet kube-system\/cilium\)/);
    expect(() => checkWholeLab(lab, whole, { ciliumAgentsReady: { ready: 1, desired: 2 } })).toThrow(/missing Ready Cilium agents \(1 of 2\)/);
  });
});
