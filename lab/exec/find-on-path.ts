// Where a binary would be found on PATH, without running anything: for preflight's list of what is
// missing, and for choosing which gobgpd runs the speaker.
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';

/**
 * The first executable `binary` in `path`'s directories, then /usr/sbin and /sbin (sudo's secure_path has
 * them; a plain user PATH may not). Example: findOnPath('bird', '/usr/bin') -> '/usr/sbin/bird'.
 */
export function findOnPath(binary: string, path: string): string | undefined {
  const dirs = [...path.split(':'), '/usr/sbin', '/sbin'].filter(Boolean);
  for (const dir of dirs) {
    try {
      accessSync(join(dir, binary), constants.X_OK);
      return join(dir, binary);
    } catch {
      // not in this directory
    }
  }
  return undefined;
}
