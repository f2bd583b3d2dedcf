// `lab kind doctor` on hosts made of recorded answers: the tools' version outputs in their own formats,
// /proc and /sys as a host shows them. Each failing check names what it found and how to fix it.
import { describe, expect, it } from 'vitest';
import { CommandError, type CommandResult, type Executor } from '../lab/exec/command.js';
import { doctorReport, geneveCheck, runDoctor, type HostFiles } from '../lab/kind/doctor.js';
import { kindLab } from '../lab/kind/names.js';
import { parseContainerlabVersion, parseHelmVersion, parseKindVersion, parseKubectlVersion } from '../lab/kind/tool-versions.js';
import { topology } from './default-lab.js';

const lab = kindLab(topology);

/** Answers as a host with everything the lab needs would give them. */
const HEALTHY: Record<string, string> = {
  'docker version --format {{.Server.Version}}': '28.2.2\n',
  'kind version': 'kind v0.31.0 go1.25.5 linux/amd64\n',
  'containerlab version': '  ____ ___  _   _ _____  _    ___ _   _ _     _    ____\n    version: 0.79.0\n     commit: 1f2e3d4\n       date: 2026-08-21T16:10:34Z\n',
  'kubectl version --client -o json': '{"clientVersion":{"major":"1","minor":"33","gitVersion":"v1.33.4"},"kustomizeVersion":"v5.6.0"}\n',
  'helm version --short': 'v3.19.0+g3d8990f\n',
  'go version': 'go version go1.25.5 linux/amd64\n',
  'kind get clusters': '',
  'docker ps -a --format {{.Names}}': '',
};

function host(answers: Record<string, string | { exitCode: number; stderr: string }>): Executor {
  return {
    where: 'test host',
    run: async (argv): Promise<CommandResult> => {
      const answer = answers[argv.join(' ')];
      // as runCommand says it of a binary that is not on PATH
      if (answer === undefined) throw new CommandError('test host', { command: argv, exitCode: -1, stdout: '', stderr: '' }, `could not run: ${argv[0]} ENOENT`);
      return typeof answer === 'string' ? { command: argv, exitCode: 0, stdout: answer, stderr: '' } : { command: argv, stdout: '', ...answer };
    },
  };
}

function files(overrides: Record<string, string | undefined> = {}): HostFiles {
  const all: Record<string, string | undefined> = {
    '/sys/module/geneve': '',
    '/proc/sys/fs/inotify/max_user_watches': '524288\n',
    '/proc/sys/fs/inotify/max_user_instances': '512\n',
    '/proc/sys/net/ipv4/ip_forward': '1\n',
    ...overrides,
  };
  return { read: (p) => all[p], exists: (p) => all[p] !== undefined, freeBytes: () => 50 * 2 ** 30 };
}

describe('lab kind doctor', () => {
  it('passes a host that has everything, and says so', async () => {
    const results = await runDoctor(lab, host(HEALTHY), files(), undefined);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(doctorReport(results)).toMatch(/ok {4}kind: 0\.31\.0\n[\s\S]*all checks passed\n$/);
  });

  it('says there is no Docker engine, with what docker said and how to fix it', async () => {
    const results = await runDoctor(lab, host({ ...HEALTHY, 'docker version --format {{.Server.Version}}': { exitCode: 1, stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n' } }), files());
    expect(results[0]).toEqual({
      name: 'Docker engine', ok: false,
      found: 'none answers (Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?)',
      fix: 'start the Docker engine (sudo systemctl start docker), or install it (docs.docker.com/engine/install)',
      fails: 'build the BIRD image, and every step after it',
    });
  });

  it('tells a tool that did not answer in time from one that is not installed', async () => {
    const hung: Executor = {
      where: 'test host',
      run: async (argv) => {
        if (argv[0] === 'docker') throw new CommandError('test host', { command: argv, exitCode: -1, stdout: '', stderr: '' }, 'did not finish within 20000 ms');
        return host(HEALTHY).run(argv);
      },
    };
    const [docker] = await runDoctor(lab, hung, files());
    expect(docker).toMatchObject({ ok: false, found: expect.stringMatching(/^docker: no answer \(.*did not finish within 20000 ms/) });
  });

  it('names a missing tool and a version the lab does not take', async () => {
    const answers = { ...HEALTHY, 'kind version': 'kind v0.29.0 go1.24 linux/amd64\n', 'kubectl version --client -o json': '{"clientVersion":{"gitVersion":"v1.30.2"}}' } as Record<string, string>;
    delete answers['helm version --short'];
    const failed = (await runDoctor(lab, host(answers), files())).filter((r) => !r.ok);
    expect(failed.map((r) => [r.name, r.found])).toEqual([['kind', '0.29.0'], ['kubectl', '1.30.2'], ['helm', 'not installed']]);
    expect(failed[0]!.fix).toMatch(/pins kind v0\.31\.0.*install kind v0\.31\.0/);
  });

  it("fails a kernel without geneve and forwarding off, naming the step each would fail, and warns of kind's inotify limits", async () => {
    const noGeneve = { '/sys/module/geneve': undefined, '/proc/sys/kernel/osrelease': '6.8.0-45-generic\n', '/lib/modules/6.8.0-45-generic/modules.dep': 'kernel/drivers/net/vxlan/vxlan.ko: \n', '/lib/modules/6.8.0-45-generic/modules.builtin': '' };
    const results = await runDoctor(lab, host(HEALTHY), files({ ...noGeneve, '/proc/sys/fs/inotify/max_user_instances': '128\n', '/proc/sys/net/ipv4/ip_forward': '0\n' }));
    const failed = results.filter((r) => !r.ok);
    expect(failed.map((r) => [r.name, r.fails])).toEqual([['geneve module', 'the Cilium agents are Ready on both nodes'], ['IP forwarding', 'create the kind cluster (its nodes reach the image registry through the host)']]);
    expect(failed[0]!.found).toBe('absent from kernel 6.8.0-45-generic (neither loaded, built in nor in modules.dep)');
    expect(results.find((r) => r.name === 'inotify limits')).toMatchObject({ ok: true, warning: expect.stringContaining('fs.inotify.max_user_instances=512') });
  });

  it('passes geneve loaded, built in or loadable, and warns where the kernel has no module index to tell', () => {
    const release = { '/sys/module/geneve': undefined, '/proc/sys/kernel/osrelease': '6.8.0-45-generic\n' };
    const index = (file: string, text: string) => ({ ...release, [`/lib/modules/6.8.0-45-generic/${file}`]: text });
    expect(geneveCheck(files())).toEqual({ name: 'geneve module', ok: true, found: 'loaded' });
    expect(geneveCheck(files(index('modules.builtin', 'kernel/net/ipv4/udp_tunnel.ko\nkernel/drivers/net/geneve.ko\n'))).found).toBe('built into kernel 6.8.0-45-generic');
    expect(geneveCheck(files(index('modules.dep', 'kernel/drivers/net/geneve.ko.zst: kernel/net/ipv4/udp_tunnel.ko.zst\n')))).toMatchObject({ ok: true, found: 'loadable (kernel 6.8.0-45-generic loads it when Cilium makes its device)' });
    expect(geneveCheck(files(release))).toMatchObject({ ok: true, found: 'unknown: kernel 6.8.0-45-generic has no module index (/lib/modules/6.8.0-45-generic)', warning: expect.stringContaining('never become Ready') });
    expect(doctorReport([geneveCheck(files(release))])).toMatch(/^ {2}warn {2}geneve module: unknown[^\n]*\n {8}note: /m);
  });

  it("under sudo, finds a tool root's PATH lacks on the user's login PATH, and says how to keep it", async () => {
    const answers = { ...HEALTHY, "runuser -u alice -- bash -lc command -v kind": '/home/alice/go/bin/kind\n' } as Record<string, string>;
    delete answers['kind version'];
    const kind = (await runDoctor(lab, host(answers), files(), 'alice')).find((r) => r.name === 'kind')!;
    expect(kind).toMatchObject({ ok: false, found: "not on root's PATH under sudo, but on alice's: /home/alice/go/bin/kind", fix: expect.stringContaining('sudo env "PATH=$PATH" make doctor') });
    // not under sudo, or not on the user's PATH either: simply not installed
    expect((await runDoctor(lab, host(answers), files())).find((r) => r.name === 'kind')!.found).toBe('not installed');
    delete answers["runuser -u alice -- bash -lc command -v kind"];
    expect((await runDoctor(lab, host(answers), files(), 'alice')).find((r) => r.name === 'kind')!.found).toBe('not installed');
  });

  it('refuses a lab of the same name that the harness did not make', async () => {
    const results = await runDoctor(lab, host({ ...HEALTHY, 'kind get clusters': 'bgpv2-bird-coil\n', 'docker ps -a --format {{.Names}}': 'clab-bgpv2-bird-coil-router0\nother\n' }), files());
    expect(results.at(-1)).toMatchObject({ ok: false, found: 'kind cluster bgpv2-bird-coil, containerlab node clab-bgpv2-bird-coil-router0, which this harness did not make' });
  });
});

describe("the tools' version outputs", () => {
  it('are read in their own formats, and nothing else is taken for a version', () => {
    expect(parseKindVersion(HEALTHY['kind version']!)).toBe('0.31.0');
    expect(parseContainerlabVersion(HEALTHY['containerlab version']!)).toBe('0.79.0');
    expect(parseKubectlVersion(HEALTHY['kubectl version --client -o json']!)).toBe('1.33.4');
    expect(parseHelmVersion(HEALTHY['helm version --short']!)).toBe('3.19.0');
    expect([parseKindVersion('kind: command not found'), parseKubectlVersion('Client Version: v1.33.4'), parseHelmVersion('')]).toEqual([undefined, undefined, undefined]);
  });
});
