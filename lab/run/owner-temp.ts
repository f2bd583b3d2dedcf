// The temporary folder of the process that owns a run: vitest's (/tmp/<nanoid>, with its copies of the
// harness's modules for the workers in ssr/), which vitest removes as it closes. A runner killed outright
// (kill -9) leaves it, and nothing of it names the harness; so the global setup tells this module which
// folder its process has, every run record made in the process names it (RunState.ownerTemp), and the
// run that finds such a record stale removes it, checked again to be one: a folder of vitest's in /tmp.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname } from 'node:path';

/** The name vitest gives its temporary folder: a nanoid, 21 characters. */
export const VITEST_TMP = /^[A-Za-z0-9_-]{21}$/;

let current: string | undefined;

/** Whether `path` can be a temporary folder of vitest's: in the system's temporary directory, named as vitest names them. Example: "/tmp/rB6skWsRq3jlfXyTsfP4_" */
export function isVitestTemp(path: string): boolean {
  return dirname(path) === tmpdir() && VITEST_TMP.test(basename(path));
}

/** Called by the global setup with project.tmpDir: the run records this process makes name it. */
export function recordOwnerTemp(path: string): void {
  if (!isVitestTemp(path)) throw new Error(`${path} is not a temporary folder of vitest's (${tmpdir()}/<21-character id>): no run record will name it`);
  current = path;
}

/** This process's temporary folder, if the global setup named one. */
export const ownerTemp = (): string | undefined => current;

/** Removes a crashed owner's temporary folder, if its record names one that can be vitest's. */
export function removeOwnerTemp(path: string | undefined): void {
  if (path !== undefined && isVitestTemp(path)) rmSync(path, { recursive: true, force: true });
}
