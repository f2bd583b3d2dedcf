// What a run records before it makes anything, and how a teardown (or the run after a crash) undoes it.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanStaleRuns, listRuns, RunRecord } from '../lab/run/run-state.js';
import { scratchDir } from './fixtures.js';

const root = (): string => scratchDir('runs-');

/** Writes into a run's record what its owner would have: another owner (startTime '1' is no process's: a crashed one), its temporary folder. */
function patchState(run: RunRecord, change: Record<string, unknown>): void {
  const state = JSON.parse(readFileSync(join(run.dir, 'state.json'), 'utf8'));
  writeFileSync(join(run.dir, 'state.json'), JSON.stringify({ ...state, ...change }));
}

/** A folder named as vitest names its temporary folder, with the module copies a killed runner leaves. */
function vitestTemp(): string {
  const dir = join(tmpdir(), randomBytes(16).toString('base64url').slice(0, 21));
  mkdirSync(join(dir, 'ssr'), { recursive: true });
  temps.push(dir);
  return dir;
}
const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('run state', () => {
  it('runs the recorded undo commands newest first, then removes the run directory', () => {
    const runs = root();
    const log = join(scratchDir('undo-'), 'order');
    const run = RunRecord.create(runs);
    run.addUndo(['sh', '-c', `echo cluster >> ${log}`]);
    run.addUndo(['sh', '-c', `echo topology >> ${log}`]);
    run.teardownSync();
    expect(existsSync(run.dir)).toBe(false);
    expect(readFileSync(log, 'utf8')).toBe('topology\ncluster\n');
  });

  it('counts a run as stale once its owner is gone, never while it runs or when it was kept', () => {
    const runs = root();
    const live = RunRecord.create(runs);
    const kept = RunRecord.create(runs);
    kept.markKept();
    const crashed = RunRecord.create(runs);
    // a run whose owner has exited: its recorded start time no longer matches any process
    const state = JSON.parse(readFileSync(join(crashed.dir, 'state.json'), 'utf8'));
    writeFileSync(join(crashed.dir, 'state.json'), JSON.stringify({ ...state, owner: { pid: state.owner.pid, startTime: '1' } }));
    expect(cleanStaleRuns(runs)).toEqual([crashed.state.runId]);
    expect(listRuns(runs).map((r) => r.state.runId).sort()).toEqual([live.state.runId, kept.state.runId].sort());
  });

  it("removes the temporary folder of a crashed run's owner (vitest's module copies, which a kill -9 leaves), only of a crashed run, and only a folder named as vitest's", () => {
    const runs = root();
    const [crashedTemp, liveTemp] = [vitestTemp(), vitestTemp()];
    const notVitest = scratchDir('owner-temp-');
    const crashed = RunRecord.create(runs);
    patchState(crashed, { owner: { pid: crashed.state.owner.pid, startTime: '1' }, ownerTemp: crashedTemp });
    const crashedElsewhere = RunRecord.create(runs);
    patchState(crashedElsewhere, { owner: { pid: crashed.state.owner.pid, startTime: '1' }, ownerTemp: notVitest });
    patchState(RunRecord.create(runs), { ownerTemp: liveTemp });
    expect(cleanStaleRuns(runs).sort()).toEqual([crashed.state.runId, crashedElsewhere.state.runId].sort());
    expect([existsSync(crashedTemp), existsSync(notVitest), existsSync(liveTemp)]).toEqual([false, true, true]);
  });

  it('keeps what another process recorded in the same run (a spec recording its capture)', () => {
    const run = RunRecord.create(root());
    const fromAnotherProcess = RunRecord.load(run.dir)!;
    fromAnotherProcess.addProcess({ name: 'tcpdump server0 net0', pid: 1, startTime: '0', logFile: '/dev/null' });
    run.addUndo(['true']);
    expect(RunRecord.load(run.dir)!.state.processes.map((p) => p.name)).toEqual(['tcpdump server0 net0']);
  });

  it('keeps why a disrupted fabric must not be reused, as a spec process records it, until it is cleared', () => {
    const run = RunRecord.create(root());
    RunRecord.load(run.dir)!.markUnusable('a spec was interrupted while server1\'s uplink (net0) goes down on server1');
    expect(RunRecord.load(run.dir)!.state.unusable).toMatch(/interrupted/);
    RunRecord.load(run.dir)!.markUnusable(undefined);
    expect(RunRecord.load(run.dir)!.state.unusable).toBeUndefined();
  });
});
