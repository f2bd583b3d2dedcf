import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished, type TestContext } from 'vitest';
import { repoRoot } from '../lab/util/paths.js';

/** The path of a file under fixtures/, recorded from the netns fabric. */
export function fixturePath(path: string): string {
  return join(repoRoot, 'fixtures', path);
}

/** A file recorded from the netns fabric by `npm run record-fixtures`. */
export function fixture(path: string): string {
  return readFileSync(fixturePath(path), 'utf8');
}

/** The path of one of tcpdump's own test captures, kept unchanged in fixtures/pcap/tcpdump/. */
export function publicCapture(name: string): string {
  return fixturePath(join('pcap', 'tcpdump', name));
}

/**
 * A folder of the test's own under the system's temporary folder, removed when that test ends, passed
 * or failed. A concurrent test passes its context, whose `onTestFinished` is its own. Example prefix: "runs-"
 */
export function scratchDir(prefix: string, context: Pick<TestContext, 'onTestFinished'> = { onTestFinished }): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  context.onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
