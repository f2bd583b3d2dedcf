// Graceful restart under load, the late restart, on a fabric of its own (specs/spec-files.ts): server1's
// Cilium speaker is restarted quickly once to measure its return on this fabric (not judged: the quick
// file judges that restart), then dies without a NOTIFICATION and stays away for the lab's graceful
// restart time less three such returns; router0 never loses server1's path, nor after the End-of-RIB;
// server1's BIRD keeps the speaker's routes as stale until its End-of-RIB and the session then stays up;
// no request fails. Puts the fabric back after each restart. Each check may take as long as both
// restarts can (lab/checks/restart-timing.ts restartsBoundMs).
// The checks and their ids are in lab/checks/catalog.ts, where the negative controls name them too.
import { runChecks } from './run-checks.js';

runChecks(import.meta.url);
