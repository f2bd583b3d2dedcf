// `ubuntu` (server0) and `ubuntu-worker` (server1) reach each other both ways, across router0.
// The checks and their ids are in lab/checks/catalog.ts, where the negative controls name them too.
import { runChecks } from './run-checks.js';

runChecks(import.meta.url);
