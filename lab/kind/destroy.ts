// `make destroy` (`lab kind destroy`): takes down the labs this harness made, by the undo commands their
// run records hold. A lab of the same name that no run record names was made by hand or by the demo's own
// Makefile: the harness never deletes what it did not make, so it says what it found and the two commands
// that remove it, and exits non-zero (README, "The real lab"; the doctor's advice says the same).
import { displayPath } from '../manifests/load.js';
import { UserFacingError } from '../util/errors.js';
import type { Executor } from '../exec/command.js';
import type { RunRecord } from '../run/run-state.js';
import { judgeExistingLab } from './attach.js';
import type { KindLab } from './names.js';

/** What destroy did: the runs it took down, or that there was nothing. Throws for a lab it did not make. */
export async function destroyKindLab(lab: KindLab, runs: readonly RunRecord[], exec: Executor): Promise<string> {
  if (runs.length > 0) {
    runs.forEach((run) => run.teardownSync());
    return `took down ${runs.map((r) => `run ${r.state.runId}`).join(', ')}`;
  }
  const clusters = await exec.run(['kind', 'get', 'clusters'], { allowFailure: true });
  const containers = await exec.run(['docker', 'ps', '-a', '--format', '{{.Names}}'], { allowFailure: true });
  const { found } = judgeExistingLab(lab, clusters.stdout, containers.stdout);
  if (found.length === 0) return `no ${lab.cluster} lab here, and no run of this harness: nothing to take down`;
  throw new UserFacingError(
    `found ${found.join(', ')}, which no run of this harness made (no run record under .lab/runs/): the harness never deletes what it did not make. ` +
      `To remove it yourself: containerlab destroy -t ${displayPath(lab.topologyFile)} --cleanup; kind delete cluster --name ${lab.cluster}`,
  );
}
