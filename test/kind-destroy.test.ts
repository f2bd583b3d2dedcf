// `make destroy` on recorded outputs of `kind get clusters` and `docker ps -a`: with no run record of
// this harness it deletes nothing, says what it found and the two commands that remove it, and fails.
import { describe, expect, it } from 'vitest';
import type { CommandResult, Executor } from '../lab/exec/command.js';
import { destroyKindLab } from '../lab/kind/destroy.js';
import { kindLab } from '../lab/kind/names.js';
import { topology } from './default-lab.js';

const lab = kindLab(topology);

/** A host that answers the two listings and records every command it is asked to run. */
function hostWith(clusters: string, containers: string): Executor & { ran: string[] } {
  const ran: string[] = [];
  return {
    where: 'test host',
    ran,
    run: async (argv): Promise<CommandResult> => {
      ran.push(argv.join(' '));
      const stdout = argv[0] === 'kind' ? clusters : argv[0] === 'docker' ? containers : '';
      return { command: argv, exitCode: 0, stdout, stderr: '' };
    },
  };
}

describe('make destroy without a run record', () => {
  it("refuses the published demo's lab, names what it found and how to remove it, and deletes nothing", async () => {
    const exec = hostWith('bgpv2-bird-coil\n', 'clab-bgpv2-bird-coil-router0\nclab-bgpv2-bird-coil-server0\nbgpv2-bird-coil-control-plane\nbgpv2-bird-coil-worker\n');
    await expect(destroyKindLab(lab, [], exec)).rejects.toThrow(
      /^found kind cluster bgpv2-bird-coil, kind node bgpv2-bird-coil-control-plane, kind node bgpv2-bird-coil-worker, containerlab node clab-bgpv2-bird-coil-router0, containerlab node clab-bgpv2-bird-coil-server0, which no run of this harness made .*never deletes what it did not make\. To remove it yourself: containerlab destroy -t lab\/kind\/topology\.clab\.yaml --cleanup; kind delete cluster --name bgpv2-bird-coil$/,
    );
    expect(exec.ran).toEqual(['kind get clusters', 'docker ps -a --format {{.Names}}']);
  });

  it('says there is nothing to take down where no lab of that name is', async () => {
    const exec = hostWith('kind\n', 'kind-control-plane\n');
    expect(await destroyKindLab(lab, [], exec)).toBe('no bgpv2-bird-coil lab here, and no run of this harness: nothing to take down');
  });
});
