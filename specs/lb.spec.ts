// The LoadBalancer IP answers from router0 with the echo text, every time.
// The checks and their ids are in lab/checks/catalog.ts, where the negative controls name them too.
import { runChecks } from './run-checks.js';

runChecks(import.meta.url);
