// What a BIRD command line says: whether it runs BIRD at all, and which config file BIRD reads. Both the
// topology's `cmd` (lab-nodes.ts) and the argv of a running container's PID 1 (an attached lab,
// lab/kind/deployed-bird.ts) are read here. BIRD takes its options with getopt (BIRD 2.0.12
// sysdep/unix/main.c parse_args, "B:c:CdD:ps:P:u:g:flRh"): `-c FILE`, `-cFILE`, or `-c` last in a group
// such as `-fc FILE`; without -c it reads the config its build names, $sysconfdir/bird.conf (BIRD's
// INSTALL), and Debian's and Ubuntu's bird2 packages build with --sysconfdir=/etc/bird (debian/rules).
import { basename } from 'node:path';

/** The config BIRD 2 reads without -c, as the Debian and Ubuntu packages (and this lab's image) build it. */
export const BIRD_DEFAULT_CONFIG = '/etc/bird/bird.conf';

/** BIRD's options that take a value (getopt's "B:c:CdD:ps:P:u:g:flRh"). */
const WITH_VALUE = new Set(['B', 'c', 'D', 's', 'P', 'u', 'g']);

/** Whether `argv` runs BIRD: its program is `bird`, by name or path. Example: ["/usr/sbin/bird","-c","/etc/bird.conf","-d"] -> true */
export function runsBird(argv: readonly string[]): boolean {
  return argv[0] !== undefined && basename(argv[0]) === 'bird';
}

/** The config file BIRD reads when run as `argv` (a path inside its container). Example: ["bird","-f","-c","/etc/bird/lab/router0.conf"] -> "/etc/bird/lab/router0.conf" */
export function birdConfigOf(argv: readonly string[]): string {
  let config = BIRD_DEFAULT_CONFIG;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (!arg.startsWith('-') || arg === '-') continue;
    for (let j = 1; j < arg.length; j++) {
      if (!WITH_VALUE.has(arg[j]!)) continue;
      const value = j + 1 < arg.length ? arg.slice(j + 1) : argv[++i] ?? '';
      if (arg[j] === 'c') config = value;
      break;
    }
  }
  return config;
}
