// Direct server return over GENEVE, read from the servers' net0 captures: one check per claim, all
// judged on the same flows.
// The checks and their ids are in lab/checks/catalog.ts, where the negative controls name them too.
import { runChecks } from './run-checks.js';

runChecks(import.meta.url);
