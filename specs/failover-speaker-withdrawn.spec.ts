// Failover under load, one of its three ways (one file each, so that each runs on a fabric of its own,
// beside the others): server1 stops advertising for good as its speaker is withdrawn (closes its session with a Cease NOTIFICATION), and router0 drops its next hop
// within the bound the timers imply, only requests sent its way before that fail, and afterwards every
// request is answered through server0 only. Puts the fabric back before it ends.
// The checks and their ids are in lab/checks/catalog.ts, where the negative controls name them too.
import { runChecks } from './run-checks.js';

runChecks(import.meta.url);
