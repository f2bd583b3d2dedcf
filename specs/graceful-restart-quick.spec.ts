// Graceful restart under load, the quick restart (the late one has a file of its own, so that each runs
// on a fabric of its own, beside the other specs: specs/spec-files.ts): server1's Cilium speaker dies
// without a NOTIFICATION and is started again at once, and router0 never loses server1's path, nor after
// the End-of-RIB; server1's BIRD keeps the speaker's routes as stale until its End-of-RIB and the session
// then stays up; no request fails. Puts the fabric back after the restart. Each check may take as long as
// the restart can (lab/checks/restart-timing.ts restartsBoundMs).
// The checks and their ids are in lab/checks/catalog.ts, where the negative controls name them too.
import { runChecks } from './run-checks.js';

runChecks(import.meta.url);
