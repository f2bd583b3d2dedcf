// What a timed-out wait of the real lab's bring-up keeps: the events, the describe output of what it
// watched, the logs of Cilium, Coil and CoreDNS, cilium status and each node's BIRD sessions, one file
// each, written whether the command answered or not.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Executor } from '../lab/exec/command.js';
import { collectDiagnostics, diagnosticCommands } from '../lab/kind/bring-up-diagnostics.js';
import { kindLab } from '../lab/kind/names.js';
import { topology } from './default-lab.js';
import { scratchDir } from './fixtures.js';

const lab = kindLab(topology);
const commands = diagnosticCommands('/run/kubeconfig', lab, { type: 'pods-ready', namespace: 'kube-system', labelSelector: 'app.kubernetes.io/name=coil' });

describe('the diagnostics of a timed-out bring-up wait', () => {
  it('ask the cluster, the Cilium agents and every BIRD, and describe what the wait watched', () => {
    expect(commands.map((c) => c.file)).toEqual([
      'events.txt', 'describe.txt', 'pods.txt', 'logs-cilium.txt', 'logs-coil.txt', 'logs-coredns.txt', 'cilium-status.txt', 'bird-router0.txt', 'bird-server0.txt', 'bird-server1.txt',
    ]);
    expect(commands[1]!.argv.join(' ')).toBe('kubectl --kubeconfig /run/kubeconfig describe pods --namespace kube-system --selector app.kubernetes.io/name=coil');
    expect(commands.at(-1)!.argv).toEqual(['docker', 'exec', 'clab-bgpv2-bird-coil-server1', 'birdc', 'show', 'protocols']);
    for (const c of commands.filter((x) => x.argv[0] === 'kubectl')) expect(c.argv.slice(1, 3)).toEqual(['--kubeconfig', '/run/kubeconfig']);
  });

  it('write each answer, or why there is none, into its own file', async () => {
    const dir = scratchDir('diagnostics-');
    const exec: Executor = {
      where: 'test',
      run: async (argv) => {
        if (argv[0] === 'docker') throw new Error('docker: could not run');
        return { command: argv, exitCode: argv.includes('exec') ? 1 : 0, stdout: `answer of ${argv[3]}\n`, stderr: argv.includes('exec') ? 'error: no pods\n' : '' };
      },
    };
    const files = await collectDiagnostics(dir, commands, exec);
    expect(files).toHaveLength(commands.length);
    expect(readFileSync(join(dir, 'events.txt'), 'utf8')).toMatch(/^\$ kubectl .* get events[^\n]*\n\(exit 0\)\nanswer of get\n$/);
    expect(readFileSync(join(dir, 'cilium-status.txt'), 'utf8')).toContain('(exit 1)');
    expect(readFileSync(join(dir, 'cilium-status.txt'), 'utf8')).toContain('--- stderr\nerror: no pods');
    expect(readFileSync(join(dir, 'bird-router0.txt'), 'utf8')).toContain('docker: could not run');
  });
});
