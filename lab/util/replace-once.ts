// A change made to a copy of a file the project ships (a BIRD config for a fault, a manifest for a
// mistake, a file of the lab for a variant) must land where it is meant to: the text it replaces must be
// there exactly once, or the control would silently break something else, or nothing.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * `text` with `from` replaced by `to`; throws, naming `where`, unless `from` occurs exactly once.
 * Example: replaceOnce('a;b;', 'b;', 'c;', 'bird/server0.conf') is 'a;c;'
 */
export function replaceOnce(text: string, from: string, to: string, where: string): string {
  const found = text.split(from).length - 1;
  if (found !== 1) throw new Error(`${where} must contain ${JSON.stringify(from)} exactly once, not ${found} times`);
  return text.replace(from, to);
}

/** One change to a file of a copy: `from` (found exactly once) becomes `to`, or the file is written whole. */
export type FileChange = { readonly file: string; readonly from: string; readonly to: string } | { readonly file: string; readonly write: string };

/** Makes `changes` in the folder `dir` (paths relative to it); `purpose` names them in an error: "to make this mistake". */
export function changeFiles(dir: string, changes: readonly FileChange[], purpose: string): void {
  for (const change of changes) {
    const path = join(dir, change.file);
    if ('write' in change) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, change.write);
    } else {
      writeFileSync(path, replaceOnce(readFileSync(path, 'utf8'), change.from, change.to, `${purpose}, ${change.file}`));
    }
  }
}
