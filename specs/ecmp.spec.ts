// router0 spreads flows to the VIP over both servers as its FIB's multipath hash says.
// The checks and their ids are in lab/checks/catalog.ts, where the negative controls name them too.
import { runChecks } from './run-checks.js';

runChecks(import.meta.url);
