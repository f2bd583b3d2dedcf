// Which gobgpd and gobgp the netns fabric runs as the Cilium speaker: the pinned GoBGP that setup
// unpacked into the build folder (pin.ts), or else the system's. Judged from what the binaries say of
// themselves (`--version`, the flags `--help` lists), so that an unknown version works when it speaks
// the same CLI and otherwise stops the run with the version found and the one expected.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { host, type Executor } from '../exec/command.js';
import { findOnPath } from '../exec/find-on-path.js';
import { repoRoot } from '../util/paths.js';
import { PreflightError } from '../util/errors.js';
import { GOBGP_PIN, type SpeakerPin } from './pin.js';
import { readOrigin } from '../setup/fetch-package.js';

/** The speaker's binaries, as bring-up runs them. */
export interface SpeakerBinaries {
  /** absolute path, e.g. "/work/main/.build/gobgp/usr/bin/gobgpd" */
  readonly gobgpd: string;
  readonly gobgp: string;
  /** what `gobgpd --version` says, e.g. "3.36.0" */
  readonly version: string;
  /** where it came from, for preflight's line, e.g. "Debian 13 package gobgpd 3.36.0-2+b3 in .build/gobgp" */
  readonly origin: string;
  /** flags this version takes beyond the ones every 3.x takes, e.g. ["--metrics-path="] */
  readonly extraFlags: readonly string[];
  /** one line for the user when this is not the pinned GoBGP, saying what that costs */
  readonly note?: string;
}

/** The gobgpd flags bring-up passes (lab/netns/gobgp.ts); a gobgpd that lacks one cannot run the speaker. */
export const REQUIRED_GOBGPD_FLAGS = ['config-file', 'config-type', 'api-hosts', 'pprof-disable', 'log-plain', 'log-level', 'graceful-restart'];

/** GoBGP 3.35 and later dial within 1-2 s; earlier 3.x wait a random 5-9 s before the first dial (pin.ts). */
const FIRST_PROMPT_DIAL = [3, 35, 0];

/** "gobgpd version 3.36.0" -> "3.36.0"; undefined when the output is not that. */
export function parseGobgpVersion(output: string): string | undefined {
  return /^gobgpd? version (\d+\.\d+\.\d+)\b/m.exec(output)?.[1];
}

/** The long flags a `--help` text lists, e.g. {"config-file", "api-hosts", ...}. */
export function parseLongFlags(help: string): Set<string> {
  return new Set([...help.matchAll(/(?:^|\s|,)--([a-z][a-z0-9-]*)/g)].map((m) => m[1]!));
}

function older(version: string, than: readonly number[]): boolean {
  const parts = version.split('.').map(Number);
  for (let i = 0; i < than.length; i++) if ((parts[i] ?? 0) !== than[i]) return (parts[i] ?? 0) < than[i]!;
  return false;
}

/** Asks `gobgpd` and `gobgp` what they are, and judges whether the fabric can run them. */
export async function judgeSpeaker(
  gobgpd: string,
  gobgp: string,
  origin: string,
  pin: SpeakerPin = GOBGP_PIN,
  exec: Executor = host,
): Promise<SpeakerBinaries> {
  const expected = `GoBGP ${pin.upstreamVersion} (or another 3.x that takes the same flags)`;
  const said = await exec.run([gobgpd, '--version'], { allowFailure: true, timeoutMs: 10_000 });
  const version = parseGobgpVersion(said.stdout + said.stderr);
  if (!version) {
    throw new PreflightError(
      `${gobgpd} (${origin}) does not say which GoBGP it is: \`--version\` printed ${JSON.stringify((said.stdout + said.stderr).trim().slice(0, 200))}; ` +
        `the netns fabric expects ${expected}. Run \`sudo npm run setup\` to fetch GoBGP ${pin.upstreamVersion} into ${relative(repoRoot, pin.dir)}.`,
    );
  }
  const help = await exec.run([gobgpd, '--help'], { allowFailure: true, timeoutMs: 10_000 });
  const flags = parseLongFlags(help.stdout + help.stderr);
  const missing = REQUIRED_GOBGPD_FLAGS.filter((f) => !flags.has(f));
  const cliSaid = await exec.run([gobgp, '--version'], { allowFailure: true, timeoutMs: 10_000 });
  const cliVersion = parseGobgpVersion(cliSaid.stdout + cliSaid.stderr);
  if (missing.length > 0 || cliVersion !== version) {
    const why = missing.length > 0 ? `it does not take ${missing.map((f) => `--${f}`).join(', ')}` : `${gobgp} is version ${cliVersion ?? 'unknown'}`;
    throw new PreflightError(
      `found gobgpd ${version} at ${gobgpd} (${origin}), but ${why}; the netns fabric expects ${expected}. ` +
        `Run \`sudo npm run setup\` to fetch GoBGP ${pin.upstreamVersion} into ${relative(repoRoot, pin.dir)}.`,
    );
  }
  const fetchIt = `\`sudo npm run setup\` fetches ${pin.upstreamVersion} into ${relative(repoRoot, pin.dir)}`;
  const note = older(version, FIRST_PROMPT_DIAL)
    ? `gobgpd ${version} (${origin}) runs the speaker, not GoBGP ${pin.upstreamVersion}: bring-up will take about 8 s instead of 2 s, because GoBGP ${version} waits 5-9 s before its first dial (${fetchIt})`
    : version !== pin.upstreamVersion
      ? `gobgpd ${version} (${origin}) is not the pinned GoBGP ${pin.upstreamVersion}; it takes the same flags, so the run goes on (${fetchIt})`
      : undefined;
  return {
    gobgpd,
    gobgp,
    version,
    origin,
    extraFlags: flags.has('metrics-path') ? ['--metrics-path='] : [],
    ...(note ? { note } : {}),
  };
}

/** The pinned build where setup unpacked it, else the system's gobgpd on PATH. */
export async function resolveSpeaker(pin: SpeakerPin = GOBGP_PIN, path = process.env.PATH ?? ''): Promise<SpeakerBinaries> {
  const built = { gobgpd: join(pin.dir, 'usr', 'bin', 'gobgpd'), gobgp: join(pin.dir, 'usr', 'bin', 'gobgp') };
  const origin = readOrigin(pin.dir);
  if (origin && existsSync(built.gobgpd) && existsSync(built.gobgp)) {
    return judgeSpeaker(built.gobgpd, built.gobgp, `Debian ${origin.suite} package ${origin.name} ${origin.version} in ${relative(repoRoot, pin.dir)}`, pin);
  }
  const gobgpd = findOnPath('gobgpd', path);
  const gobgp = findOnPath('gobgp', path);
  if (!gobgpd || !gobgp) {
    throw new PreflightError(
      `no GoBGP for the Cilium speaker: ${relative(repoRoot, pin.dir)} has no build and ${gobgpd ? 'gobgp' : 'gobgpd'} is not on PATH. ` +
        `Run \`sudo npm run setup\` (it fetches GoBGP ${pin.upstreamVersion}), or \`sudo apt-get install gobgpd\`.`,
    );
  }
  return judgeSpeaker(gobgpd, gobgp, `the system's, ${relative(repoRoot, pin.dir)} has no build`, pin);
}
