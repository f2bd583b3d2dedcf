import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../lab/paths.js';

/** A file recorded from the netns fabric by `npm run record-fixtures`. */
export function fixture(path: string): string {
  return readFileSync(join(repoRoot, 'fixtures', path), 'utf8');
}
