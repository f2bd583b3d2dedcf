// Every BGP session is Established; router0 has the VIP via both servers in BIRD and in its FIB; the
// servers keep the VIP out of their own FIB; each server's address block is routed via that server.
// The checks and their ids are in lab/checks/catalog.ts, where the negative controls name them too.
import { runChecks } from './run-checks.js';

runChecks(import.meta.url);
