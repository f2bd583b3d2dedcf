// A check whose outcome carries a figure of the observation it judged: for the scenarios that several
// checks share (a restart, a failover), which run once and hand every check the same observation.
import { withFigures, type Check, type CheckContext } from './check.js';
import type { Figure } from './figures.js';

/** `check`, with `figure(observation)` (one figure or several) added to its outcome; `observe` must be the (memoised) scenario the check itself awaits. */
export function withFigure<T>(check: Check, observe: (context?: CheckContext) => Promise<T>, figure: (observation: T) => Figure | readonly Figure[]): Check {
  return {
    title: check.title,
    async run(context) {
      const outcome = await check.run(context);
      const figures = figure(await observe(context));
      return withFigures(outcome, ...(Array.isArray(figures) ? figures : [figures as Figure]));
    },
  };
}
