// Graceful restart under load: server1's Cilium speaker dies without a NOTIFICATION and comes back within
// the restart time, and router0 never loses server1's path, server1's BIRD keeps the speaker's routes as
// stale until its End-of-RIB, and no request fails. Puts the fabric back before it ends. On netns it runs
// on a fabric of its own, beside the other specs (specs/spec-files.ts).
// The checks and their ids are in lab/checks/catalog.ts, where the negative controls name them too.
import { runChecks } from './run-checks.js';

runChecks('graceful-restart', import.meta.url);
