// Which GoBGP the netns fabric runs as the speaker, judged from what the binaries say of themselves: the
// pinned build from the build folder, else the system's; an unknown version runs when it takes the same
// flags and stops the run otherwise, naming the version found and the one expected. The binaries here
// are shell scripts that answer `--version` and `--help` as gobgpd and gobgp do.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PreflightError } from '../lab/util/errors.js';
import { GOBGP_PIN, type SpeakerPin } from '../lab/gobgp/pin.js';
import { parseGobgpVersion, REQUIRED_GOBGPD_FLAGS, resolveSpeaker } from '../lab/gobgp/speaker-binaries.js';
import { gobgpdArgv } from '../lab/netns/gobgp.js';
import { ORIGIN_FILE } from '../lab/setup/fetch-package.js';

const FLAGS_310 = [...REQUIRED_GOBGPD_FLAGS, 'syslog', 'api-hosts', 'version'];
const FLAGS_336 = [...FLAGS_310, 'metrics-path', 'config-strict'];

let dir: string;
let pin: SpeakerPin;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'speaker-binaries-'));
  pin = { ...GOBGP_PIN, dir: join(dir, 'build', 'gobgp') };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes gobgpd and gobgp into `bin` that say they are `version` and list `flags` in their help. */
function fakeGobgp(bin: string, version: string, flags: readonly string[], cliVersion = version): void {
  mkdirSync(bin, { recursive: true });
  const help = ['Usage:', '  gobgpd [OPTIONS]', '', 'Application Options:', ...flags.map((f) => `      --${f}=   something`)].join('\n');
  const script = (name: string, v: string, helpText: string): string =>
    `#!/bin/sh\ncase "$1" in\n  --version) echo "${name} version ${v}";;\n  --help) cat <<'EOF'\n${helpText}\nEOF\n    exit 1;;\nesac\n`;
  writeFileSync(join(bin, 'gobgpd'), script('gobgpd', version, help));
  writeFileSync(join(bin, 'gobgp'), script('gobgp', cliVersion, 'Usage:\n  gobgp [command]'));
  chmodSync(join(bin, 'gobgpd'), 0o755);
  chmodSync(join(bin, 'gobgp'), 0o755);
}

function unpackedBuild(version: string, flags: readonly string[]): void {
  fakeGobgp(join(pin.dir, 'usr', 'bin'), version, flags);
  writeFileSync(join(pin.dir, ORIGIN_FILE), JSON.stringify({ name: 'gobgpd', version: `${version}-2+b3`, suite: 'trixie', sha256: 'x' }));
}

describe('the speaker GoBGP the netns fabric runs', () => {
  it('is the pinned build where setup unpacked it, even with another gobgpd on PATH; no note', async () => {
    unpackedBuild(GOBGP_PIN.upstreamVersion, FLAGS_336);
    fakeGobgp(join(dir, 'system'), '3.10.0', FLAGS_310);
    const speaker = await resolveSpeaker(pin, join(dir, 'system'));
    expect(speaker).toMatchObject({ gobgpd: join(pin.dir, 'usr/bin/gobgpd'), version: GOBGP_PIN.upstreamVersion, extraFlags: ['--metrics-path='] });
    expect(speaker.origin).toMatch(/^Debian trixie package gobgpd 3\.36\.0-2\+b3 in /);
    expect(speaker.note).toBeUndefined();
  });

  it("is the system's where there is no build, with one line saying bring-up takes 8 s instead of 2 s, and why", async () => {
    fakeGobgp(join(dir, 'system'), '3.10.0', FLAGS_310);
    const speaker = await resolveSpeaker(pin, join(dir, 'system'));
    expect(speaker).toMatchObject({ gobgpd: join(dir, 'system', 'gobgpd'), version: '3.10.0', extraFlags: [] });
    expect(speaker.note).toMatch(/^gobgpd 3\.10\.0 \(the system's, .*\) runs the speaker, not GoBGP 3\.36\.0: bring-up will take about 8 s instead of 2 s, because GoBGP 3\.10\.0 waits 5-9 s before its first dial \(`sudo npm run setup` fetches 3\.36\.0 into /);
    expect(speaker.note).not.toContain('\n');
  });

  it('runs an unknown version that takes the same flags, and says it is not the pinned one', async () => {
    fakeGobgp(join(dir, 'system'), '4.2.0', FLAGS_336);
    const speaker = await resolveSpeaker(pin, join(dir, 'system'));
    expect(speaker.version).toBe('4.2.0');
    expect(speaker.note).toMatch(/gobgpd 4\.2\.0 .* is not the pinned GoBGP 3\.36\.0; it takes the same flags/);
    expect(speaker.note).not.toContain('8 s');
  });

  it('stops on a version that lacks a flag the fabric passes, naming the version found and the one expected', async () => {
    fakeGobgp(join(dir, 'system'), '4.0.0', FLAGS_336.filter((f) => f !== 'pprof-disable'));
    const error = await resolveSpeaker(pin, join(dir, 'system')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreflightError);
    expect((error as Error).message).toMatch(/found gobgpd 4\.0\.0 at .*, but it does not take --pprof-disable; the netns fabric expects GoBGP 3\.36\.0/);
    expect((error as Error).message).toContain('sudo npm run setup');
  });

  it('stops when gobgpd does not say which version it is, or gobgp is another version', async () => {
    fakeGobgp(join(dir, 'system'), 'x', FLAGS_336);
    await expect(resolveSpeaker(pin, join(dir, 'system'))).rejects.toThrow(/does not say which GoBGP it is: `--version` printed "gobgpd version x"/);
    fakeGobgp(join(dir, 'system'), '3.36.0', FLAGS_336, '3.10.0');
    await expect(resolveSpeaker(pin, join(dir, 'system'))).rejects.toThrow(/gobgp is version 3\.10\.0/);
  });

  it('stops when there is neither a build nor a gobgpd on PATH, saying how to get one', async () => {
    await expect(resolveSpeaker(pin, join(dir, 'nowhere'))).rejects.toThrow(/no GoBGP for the Cilium speaker: .* Run `sudo npm run setup`/);
  });

  it('reads the version from what gobgpd and gobgp print, and nothing else', () => {
    expect(parseGobgpVersion('gobgpd version 3.36.0\n')).toBe('3.36.0');
    expect(parseGobgpVersion('gobgp version 3.10.0')).toBe('3.10.0');
    expect(parseGobgpVersion('GoBGP 3.36')).toBeUndefined();
  });

  it("passes gobgpd only flags that every accepted gobgpd takes, besides the version's own extras", () => {
    const speaker = { gobgpd: 'gobgpd', gobgp: 'gobgp', version: '3.36.0', origin: '', extraFlags: ['--metrics-path='] };
    const flags = (gracefulRestart: boolean): string[] =>
      gobgpdArgv('/run/x.toml', speaker, gracefulRestart).filter((a) => a.startsWith('--') && a !== '--metrics-path=').map((a) => a.slice(2)).sort();
    expect(flags(true)).toEqual([...REQUIRED_GOBGPD_FLAGS].sort());
    // the restarting state only with graceful restart, as Cilium sets it only then
    expect(flags(false)).toEqual(REQUIRED_GOBGPD_FLAGS.filter((f) => f !== 'graceful-restart').sort());
  });
});
