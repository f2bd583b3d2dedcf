// Ended runs keep their artifacts (their page, a failing run's evidence) only for the newest few: a new
// run removes the older ones, never a live run's, and leaves what is not a run's (controls/, the history).
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeArtifactsOfEndedRuns } from '../lab/run/artifacts.js';

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

describe('artifacts of ended runs', () => {
  it("keeps the newest ended runs with a page and every live one, and removes the rest, and a killed run's newer folder with them", () => {
    const root = mkdtempSync(join(tmpdir(), 'bgplab-artifacts-'));
    roots.push(root);
    const runs = ['a00001', 'a00002', 'a00003', 'a00004', 'a00005'];
    runs.forEach((run, i) => {
      mkdirSync(join(root, run));
      writeFileSync(join(root, run, 'report.html'), '<html></html>');
      utimesSync(join(root, run), 1_000 + i, 1_000 + i);
    });
    // a run killed outright: its fabric record, no page
    mkdirSync(join(root, 'a00006'));
    writeFileSync(join(root, 'a00006', 'fabric.json'), '{}');
    mkdirSync(join(root, 'controls'));
    writeFileSync(join(root, 'history.jsonl'), '');
    removeArtifactsOfEndedRuns(['a00001'], 2, root);
    expect(readdirSync(root).sort()).toEqual(['a00001', 'a00004', 'a00005', 'controls', 'history.jsonl']);
  });
});
