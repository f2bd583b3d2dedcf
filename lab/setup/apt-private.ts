// apt-get and apt-cache with a private state: their own source list, package lists, cache and dpkg
// status, all in one folder of the project. Lets setup fetch a package from a suite the host's apt does
// not list (Debian 13's gobgpd on Debian 12) without adding a source to the system's apt configuration,
// touching its lists or cache, or installing anything system-wide. The host's apt.conf (proxies) still
// applies; its sources, pins and keyrings do not.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand, type CommandResult } from '../exec/command.js';
import type { DebianPackagePin } from '../gobgp/pin.js';

/** One private apt: the options that point every apt directory into `dir`, and the source it reads. */
export interface PrivateApt {
  /** e.g. ".build/apt-trixie" */
  readonly dir: string;
  /** the `-o` options for apt-get and apt-cache */
  readonly options: readonly string[];
}

/**
 * The one-line source for `pin`: its suite's main component, trusted only when signed by `pin.keyring`.
 * Example: `deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main`
 */
export function sourceLine(pin: DebianPackagePin): string {
  return `deb [signed-by=${pin.keyring}] ${pin.mirror} ${pin.suite} main`;
}

/** Makes the private apt's folders and source list under `dir`. */
export function privateApt(pin: DebianPackagePin, dir: string): PrivateApt {
  for (const sub of ['etc', 'state', 'lists/partial', 'cache/archives/partial']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'etc', 'sources.list'), `${sourceLine(pin)}\n`);
  writeFileSync(join(dir, 'state', 'status'), '');
  const set = (key: string, value: string): string[] => ['-o', `${key}=${value}`];
  const options = [
    ...set('Dir::Etc::SourceList', join(dir, 'etc', 'sources.list')),
    ...set('Dir::Etc::SourceParts', '/dev/null'),
    ...set('Dir::State', join(dir, 'state')),
    ...set('Dir::State::Lists', join(dir, 'lists')),
    ...set('Dir::State::status', join(dir, 'state', 'status')),
    ...set('Dir::Cache', join(dir, 'cache')),
    ...set('Dir::Cache::Archives', join(dir, 'cache', 'archives')),
    // Never trust an unsigned suite, or one whose signature went missing since the last update.
    ...set('Acquire::AllowInsecureRepositories', 'false'),
    ...set('Acquire::AllowDowngradeToInsecureRepositories', 'false'),
    // An index that failed to download is an error, not a warning with old lists used instead.
    ...set('APT::Update::Error-Mode', 'any'),
    // A host without a route to the archive says so in seconds, not after apt's 120 s default.
    ...set('Acquire::http::Timeout', '20'),
    ...set('Acquire::Retries', '1'),
    // The folders are the project's (root's); apt's _apt sandbox user cannot write into them.
    ...(process.getuid?.() === 0 ? set('APT::Sandbox::User', 'root') : []),
  ];
  return { dir, options };
}

/** Runs `apt-get` or `apt-cache` with the private state; resolves with the result whatever the exit code. */
export function runApt(apt: PrivateApt, tool: 'apt-get' | 'apt-cache', args: readonly string[], cwd?: string): Promise<CommandResult> {
  return runCommand(`private apt (${apt.dir})`, [tool, ...apt.options, ...args], { allowFailure: true, timeoutMs: 180_000, ...(cwd === undefined ? {} : { cwd }) });
}

/** Why apt failed, from what it said: a refusal of what it got, or no answer from the archive. */
export type AptFailure = { readonly kind: 'refused' | 'unreachable'; readonly reason: string };

// apt's words for a suite or file that came but is not what the signed index says, or is not signed.
const REFUSAL = /is not signed|NO_PUBKEY|BADSIG|EXPKEYSIG|signatures were invalid|signatures couldn't be verified|Hash Sum mismatch|unexpected size|not valid yet|is no longer signed|Signed-By/i;

/** Classifies a failed apt run by its output; the reason is apt's own first error line. */
export function aptFailure(result: CommandResult): AptFailure {
  const output = `${result.stderr}\n${result.stdout}`;
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  const errorLine = lines.find((l) => REFUSAL.test(l)) ?? lines.find((l) => l.startsWith('E:')) ?? lines.find((l) => l.startsWith('Err:')) ?? lines.at(-1) ?? `exit ${result.exitCode}`;
  return { kind: REFUSAL.test(output) ? 'refused' : 'unreachable', reason: errorLine.replace(/^(E|W|Err:\d*):\s*/, '') };
}
