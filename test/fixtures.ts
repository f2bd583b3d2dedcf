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

/**
 * The path of a public capture from ../shared/pcap-vectors (tcpdump's test files, see its README.md):
 * shared/ sits beside the clone, read-only in CI.
 */
export function publicCapture(name: string): string {
  return join(repoRoot, '..', 'shared', 'pcap-vectors', name);
}
