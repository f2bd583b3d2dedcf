// The stamp that decides whether bin/lab.mjs may run the build of lab/ (bin/build-stamp.mjs) follows the
// content and the names of the sources, not their modification times: a checkout or a copy changes those
// without changing the program, and a clock set back can leave an edited file older than the build.
import { mkdirSync, mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILD_DIR, buildState, sourceFiles, sourceStamp, STAMP_FILE } from '../bin/build-stamp.mjs';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'build-stamp-'));
  mkdirSync(join(root, 'lab', 'pcap'), { recursive: true });
  writeFileSync(join(root, 'tsconfig.json'), '{}');
  writeFileSync(join(root, 'tsconfig.build.json'), '{"extends": "./tsconfig.json"}');
  writeFileSync(join(root, 'lab', 'cli.ts'), 'export const a = 1;\n');
  writeFileSync(join(root, 'lab', 'pcap', 'read.ts'), 'export const b = 2;\n');
  writeFileSync(join(root, 'lab', 'notes.yaml'), 'not compiled: x\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Writes the stamp of the sources as they are now, as `npm run build` does. */
function stampBuild(): void {
  mkdirSync(join(root, BUILD_DIR), { recursive: true });
  writeFileSync(join(root, BUILD_DIR, STAMP_FILE), JSON.stringify(sourceStamp(root)));
}

describe('the build stamp', () => {
  it('covers the tsconfig files and every .ts under lab/, and nothing else', () => {
    expect(sourceFiles(root)).toEqual(['lab/cli.ts', 'lab/pcap/read.ts', 'tsconfig.build.json', 'tsconfig.json']);
    expect(sourceStamp(root)).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), files: 4 });
  });

  it('says absent without a build, fresh for the sources it was made from', () => {
    expect(buildState(root)).toBe('absent');
    stampBuild();
    expect(buildState(root)).toBe('fresh');
  });

  it('stays fresh when only modification times change, or a file that is not compiled', () => {
    stampBuild();
    utimesSync(join(root, 'lab', 'cli.ts'), new Date(), new Date(Date.now() + 3_600_000));
    writeFileSync(join(root, 'lab', 'notes.yaml'), 'changed\n');
    expect(buildState(root)).toBe('fresh');
  });

  it('goes stale when a source changes, is added, is renamed, or a tsconfig changes', () => {
    const changes = [
      () => writeFileSync(join(root, 'lab', 'cli.ts'), 'export const a = 2;\n'),
      () => writeFileSync(join(root, 'lab', 'new.ts'), ''),
      () => renameSync(join(root, 'lab', 'pcap', 'read.ts'), join(root, 'lab', 'pcap', 'parse.ts')),
      () => writeFileSync(join(root, 'tsconfig.build.json'), '{}'),
    ];
    for (const change of changes) {
      stampBuild();
      change();
      expect(buildState(root)).toBe('stale');
    }
  });

  it('says stale for a stamp it cannot read', () => {
    stampBuild();
    writeFileSync(join(root, BUILD_DIR, STAMP_FILE), '{"sha256": ');
    expect(buildState(root)).toBe('stale');
  });
});
