// `lab kind doctor`, also the first step of the real lab's plan: can this machine run the real lab? Each
// check says what it found and, when it fails, how to fix it. It reads the host (commands' output,
// /proc and /sys) and changes nothing. Sources: kind's known issues page (inotify limits), Cilium's
// system requirements (the geneve module: a kind node shares the host kernel), the Kubernetes version
// skew policy (kubectl), and the lab's pins (lab/kind/versions.ts).
import { existsSync, readFileSync, statfsSync } from 'node:fs';
import { CommandError, host, type CommandResult, type Executor } from '../exec/command.js';
import { runsRoot } from '../paths.js';
import { listRuns } from '../run/run-state.js';
import { judgeExistingLab } from './attach.js';
import type { KindLab } from './names.js';
import { parseContainerlabVersion, parseGoVersion, parseHelmVersion, parseKindVersion, parseKubectlVersion, versionProblem } from './tool-versions.js';
import { VERSIONS } from './versions.js';

/** One check's verdict. Example: {"name":"kind","ok":true,"found":"v0.31.0"} */
export interface DoctorResult {
  readonly name: string;
  readonly ok: boolean;
  readonly found: string;
  readonly fix?: string;
}

/** What the doctor reads of the host besides commands; a test gives its own. */
export interface HostFiles {
  read(path: string): string | undefined;
  exists(path: string): boolean;
  /** free bytes of the filesystem holding `path`, or undefined if there is none */
  freeBytes(path: string): number | undefined;
}

export const realHost: HostFiles = {
  read: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined),
  exists: existsSync,
  freeBytes: (path) => {
    try {
      const s = statfsSync(path);
      return s.bavail * s.bsize;
    } catch {
      return undefined;
    }
  },
};

/** kind's known issues ("Pod errors due to too many open files"): the limits two nodes need. */
export const INOTIFY_MINIMUM = { max_user_watches: 524288, max_user_instances: 512 } as const;
/** The kind node image, the Cilium and Coil images and the BIRD image, with room to spare. */
export const MIN_FREE_BYTES = 10 * 2 ** 30;

const pass = (name: string, found: string): DoctorResult => ({ name, ok: true, found });
const fail = (name: string, found: string, fix: string): DoctorResult => ({ name, ok: false, found, fix });
const firstLine = (text: string): string => text.trim().split('\n')[0] ?? '';

/** The command's answer, or why there is none: not installed, or no answer in time (a hung daemon). */
async function ask(exec: Executor, argv: readonly string[]): Promise<CommandResult | { readonly absent: string }> {
  return exec.run(argv, { allowFailure: true, timeoutMs: 20_000 }).catch((error: unknown) => ({
    absent: error instanceof CommandError && error.reason.startsWith('could not run') ? 'not installed' : `no answer (${firstLine(String(error instanceof Error ? error.message : error))})`,
  }));
}

async function tool(exec: Executor, name: 'kind' | 'containerlab' | 'kubectl' | 'helm', argv: string[], parse: (out: string) => string | undefined, install: string): Promise<DoctorResult> {
  const result = await ask(exec, argv);
  if ('absent' in result) return fail(name, result.absent, install);
  const version = parse(result.stdout + result.stderr);
  if (!version) return fail(name, `\`${argv.join(' ')}\` says ${JSON.stringify(firstLine(result.stdout + result.stderr))}`, install);
  const problem = versionProblem(name, version);
  return problem ? fail(name, version, `${problem}: ${install}`) : pass(name, version);
}

async function dockerEngine(exec: Executor): Promise<DoctorResult> {
  const result = await ask(exec, ['docker', 'version', '--format', '{{.Server.Version}}']);
  if ('absent' in result) return fail('Docker engine', `docker: ${result.absent}`, 'install Docker Engine (docs.docker.com/engine/install), then start it');
  if (result.exitCode !== 0) return fail('Docker engine', `none answers (${firstLine(result.stderr || result.stdout)})`, 'start the Docker engine (sudo systemctl start docker), or install it (docs.docker.com/engine/install)');
  return pass('Docker engine', `version ${result.stdout.trim()}`);
}

async function existingLab(exec: Executor, lab: KindLab): Promise<DoctorResult> {
  const name = `no other ${lab.cluster} lab`;
  const clusters = await ask(exec, ['kind', 'get', 'clusters']);
  const containers = await ask(exec, ['docker', 'ps', '-a', '--format', '{{.Names}}']);
  if ('absent' in clusters || clusters.exitCode !== 0 || 'absent' in containers || containers.exitCode !== 0) return fail(name, 'unknown: kind or docker did not answer', 'see the Docker engine check');
  // The same judgement attaching makes, on every container, stopped ones too.
  const { found } = judgeExistingLab(lab, clusters.stdout, containers.stdout);
  if (found.length === 0) return pass(name, 'none');
  const ours = listRuns(runsRoot).find((r) => r.state.description?.fabric === 'kind');
  if (ours) return pass(name, `${found.join(', ')}, made by run ${ours.state.runId} (\`make destroy\` takes it down)`);
  return fail(name, `${found.join(', ')}, which this harness did not make`, `take it down (its own \`make destroy\`, or \`kind delete cluster --name ${lab.cluster}\` and \`containerlab destroy\`); the harness never deletes what it did not make`);
}

function hostChecks(files: HostFiles): DoctorResult[] {
  const geneve = files.exists('/sys/module/geneve');
  const watches = Number(files.read('/proc/sys/fs/inotify/max_user_watches') ?? 0);
  const instances = Number(files.read('/proc/sys/fs/inotify/max_user_instances') ?? 0);
  const forwarding = files.read('/proc/sys/net/ipv4/ip_forward')?.trim();
  const free = files.freeBytes(files.exists('/var/lib/docker') ? '/var/lib/docker' : '/');
  const gib = (n: number): string => `${(n / 2 ** 30).toFixed(1)} GiB`;
  return [
    geneve ? pass('geneve module', 'loaded') : fail('geneve module', 'not loaded', "load it (sudo modprobe geneve): Cilium's DSR dispatch makes a geneve device, in the host's kernel"),
    watches >= INOTIFY_MINIMUM.max_user_watches && instances >= INOTIFY_MINIMUM.max_user_instances
      ? pass('inotify limits', `${watches} watches, ${instances} instances`)
      : fail('inotify limits', `${watches} watches, ${instances} instances`, `raise them as kind's known issues say: sudo sysctl fs.inotify.max_user_watches=${INOTIFY_MINIMUM.max_user_watches} fs.inotify.max_user_instances=${INOTIFY_MINIMUM.max_user_instances}`),
    forwarding === '1' ? pass('IP forwarding', 'on') : fail('IP forwarding', `net.ipv4.ip_forward = ${forwarding ?? 'unknown'}`, 'the Docker engine turns it on when it starts; or sudo sysctl net.ipv4.ip_forward=1'),
    free === undefined || free >= MIN_FREE_BYTES ? pass('free disk space', free === undefined ? 'unknown' : gib(free)) : fail('free disk space', gib(free), `free at least ${gib(MIN_FREE_BYTES)} where Docker keeps images`),
  ];
}

/** Every check, in order: the engine, the tools, the host, an existing lab. */
export async function runDoctor(lab: KindLab, exec: Executor = host, files: HostFiles = realHost): Promise<DoctorResult[]> {
  const goAnswer = await ask(exec, ['go', 'version']);
  const goVersion = 'absent' in goAnswer ? undefined : parseGoVersion(goAnswer.stdout);
  const go = goVersion ? pass('go', goVersion) : fail('go', 'absent' in goAnswer ? goAnswer.absent : 'no version in its answer', "install Go (go.dev/doc/install): Coil's `make certs` runs it");
  return [
    await dockerEngine(exec),
    await tool(exec, 'kind', ['kind', 'version'], parseKindVersion, `install kind ${VERSIONS.kind} (kind.sigs.k8s.io/docs/user/quick-start)`),
    await tool(exec, 'containerlab', ['containerlab', 'version'], parseContainerlabVersion, `install containerlab ${VERSIONS.containerlab} (bash -c "$(curl -sL https://get.containerlab.dev)" -- -v ${VERSIONS.containerlab})`),
    await tool(exec, 'kubectl', ['kubectl', 'version', '--client', '-o', 'json'], parseKubectlVersion, 'install kubectl 1.32-1.34 (kubernetes.io/docs/tasks/tools)'),
    await tool(exec, 'helm', ['helm', 'version', '--short'], parseHelmVersion, 'install Helm 3 (helm.sh/docs/intro/install)'),
    go,
    ...hostChecks(files),
    await existingLab(exec, lab),
  ];
}

export function doctorReport(results: readonly DoctorResult[]): string {
  const lines = results.flatMap((r) => [`  ${r.ok ? 'ok  ' : 'FAIL'}  ${r.name}: ${r.found}`, ...(r.fix ? [`        fix: ${r.fix}`] : [])]);
  const failed = results.filter((r) => !r.ok).length;
  return `can this machine run the real lab?\n${lines.join('\n')}\n${failed === 0 ? 'all checks passed' : `${failed} of ${results.length} checks failed`}\n`;
}
