// `lab kind plan|build-bird|deploy|destroy`: the demo's make targets (Makefile), as thin calls into the
// same plan the kind fabric's global setup runs.
import { UserFacingError } from '../util/errors.js';
import { host } from '../exec/command.js';
import { runsRoot } from '../util/paths.js';
import { Progress } from '../run/progress.js';
import { listRuns } from '../run/run-state.js';
import { readLab } from '../description/index.js';
import { readLabOptions } from '../run/env.js';
import { buildBirdImageStep } from './bring-up-plan.js';
import { kindPlanText, startKindFabric } from './lifecycle.js';
import { doctorReport, runDoctor } from './doctor.js';
import { destroyKindLab } from './destroy.js';
import { kindLab } from './names.js';
import { runPlan } from './run-plan.js';
import { KIND_USAGE } from './usage.js';

/** The lab the LAB_* variables name (the repository's by default), read from its files. */
const described = () => readLab(readLabOptions().files, 'kind');


export async function kindCommand(args: readonly string[]): Promise<number> {
  const progress = new Progress('kind');
  try {
    switch (args.join(' ')) {
      case 'doctor': {
        const results = await runDoctor(kindLab(described()));
        const report = doctorReport(results);
        // The plan runs the doctor as its first step: a failure's report goes to stderr, which the step's error shows.
        (results.every((r) => r.ok) ? process.stdout : process.stderr).write(report);
        return results.every((r) => r.ok) ? 0 : 1;
      }
      case 'plan':
        process.stdout.write(kindPlanText(described()));
        return 0;
      case 'build-bird':
        await runPlan([buildBirdImageStep()], '', progress, () => {});
        return 0;
      case 'deploy':
        (await startKindFabric(described(), progress, { keep: true })).finish();
        return 0;
      case 'destroy': {
        const runs = listRuns(runsRoot).filter((run) => run.state.description?.fabric === 'kind');
        progress.note(await destroyKindLab(kindLab(described()), runs, host));
        return 0;
      }
      default:
        process.stderr.write(KIND_USAGE);
        return 1;
    }
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    process.stderr.write(`lab kind: ${error.message}\n`);
    return 1;
  }
}
