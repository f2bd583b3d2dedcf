import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../lab/paths.js';

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
