// `lab kind doctor`, also the first step of the real lab's plan: can this machine run the real lab? Each
// check says what it found and, when it fails, how to fix it. It reads the host (commands' output,
// /proc and /sys) and changes nothing. Sources: kind's known issues page (inotify limits), Cilium's
// system requirements (the geneve module: a kind node shares the host kernel), the Kubernetes version
// skew policy (kubectl), and the lab's pins (lab/kind/versions.ts).
import { existsSync, readFileSync, statfsSync } from 'node:fs';
import { CommandError, host, type CommandResult, type Executor } from '../exec/command.js';
import { runsRoot } from '../util/paths.js';
import { listRuns } from '../run/run-state.js';
import { judgeExistingLab } from './attach.js';
import type { KindLab } from './names.js';
import { parseContainerlabVersion, parseGoVersion, parseHelmVersion, parseKindVersion, parseKubectlVersion, versionProblem } from './tool-versions.js';
import { VERSIONS } from './versions.js';

/** One check's verdict. Example: {"name":"kind","ok":true,"found":"v0.31.0"} */
export interface DoctorResult {
  readonly name: string;
  /** false: the run would fail on it */
  readonly ok: boolean;
  readonly found: string;
  readonly fix?: string;
  /** the step of the plan (`make plan`) it would fail, where it fails */
  readonly fails?: string;
  /** ok, but worth a look: what could not be told, or what may still go wrong */
  readonly warning?: string;
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
const warn = (name: string, found: string, warning: string): DoctorResult => ({ name, ok: true, found, warning });
const fail = (name: string, found: string, fix: string, fails: string): DoctorResult => ({ name, ok: false, found, fix, fails });

/** The first step of the plan each tool's absence stops. */
const STEP_NEEDING = {
  kind: 'create the kind cluster',
  containerlab: 'deploy the router and the servers with containerlab',
  kubectl: "install Coil (kubectl apply -k), and every kubectl step after it",
  helm: 'install Cilium',
} as const;
const firstLine = (text: string): string => text.trim().split('\n')[0] ?? '';

/** The command's answer, or why there is none: not installed, or no answer in time (a hung daemon). */
async function ask(exec: Executor, argv: readonly string[]): Promise<CommandResult | { readonly absent: string }> {
  return exec.run(argv, { allowFailure: true, timeoutMs: 20_000 }).catch((error: unknown) => ({
    absent: error instanceof CommandError && error.reason.startsWith('could not run') ? 'not installed' : `no answer (${firstLine(String(error instanceof Error ? error.message : error))})`,
  }));
}

/**
 * Under sudo, root's PATH (sudo's secure_path) is not the user's: a tool installed in ~/go/bin or
 * /usr/local/go/bin is on the invoking user's login PATH only. Where it is there, say so and how to
 * pass that PATH through sudo; `undefined` where it is not (or there is no sudo).
 */
async function onUsersPath(exec: Executor, name: string, sudoUser: string | undefined, step: string): Promise<DoctorResult | undefined> {
  if (!sudoUser) return undefined;
  const found = await ask(exec, ['runuser', '-u', sudoUser, '--', 'bash', '-lc', `command -v ${name}`]);
  if ('absent' in found || found.exitCode !== 0 || !found.stdout.trim()) return undefined;
  return fail(name, `not on root's PATH under sudo, but on ${sudoUser}'s: ${found.stdout.trim()}`, `keep your PATH through sudo: sudo env "PATH=$PATH" make doctor (and the same for every make target and npm command)`, step);
}

async function tool(exec: Executor, name: 'kind' | 'containerlab' | 'kubectl' | 'helm', argv: string[], parse: (out: string) => string | undefined, install: string, sudoUser?: string): Promise<DoctorResult> {
  const result = await ask(exec, argv);
  const step = STEP_NEEDING[name];
  if ('absent' in result) return (result.absent === 'not installed' && (await onUsersPath(exec, name, sudoUser, step))) || fail(name, result.absent, install, step);
  const version = parse(result.stdout + result.stderr);
  if (!version) return fail(name, `\`${argv.join(' ')}\` says ${JSON.stringify(firstLine(result.stdout + result.stderr))}`, install, step);
  const problem = versionProblem(name, version);
  return problem ? fail(name, version, `${problem}: ${install}`, step) : pass(name, version);
}

async function dockerEngine(exec: Executor): Promise<DoctorResult> {
  const result = await ask(exec, ['docker', 'version', '--format', '{{.Server.Version}}']);
  if ('absent' in result) return fail('Docker engine', `docker: ${result.absent}`, 'install Docker Engine (docs.docker.com/engine/install), then start it', 'build the BIRD image, and every step after it');
  if (result.exitCode !== 0) return fail('Docker engine', `none answers (${firstLine(result.stderr || result.stdout)})`, 'start the Docker engine (sudo systemctl start docker), or install it (docs.docker.com/engine/install)', 'build the BIRD image, and every step after it');
  return pass('Docker engine', `version ${result.stdout.trim()}`);
}

async function existingLab(exec: Executor, lab: KindLab): Promise<DoctorResult> {
  const name = `no other ${lab.cluster} lab`;
  const clusters = await ask(exec, ['kind', 'get', 'clusters']);
  const containers = await ask(exec, ['docker', 'ps', '-a', '--format', '{{.Names}}']);
  if ('absent' in clusters || clusters.exitCode !== 0 || 'absent' in containers || containers.exitCode !== 0) return fail(name, 'unknown: kind or docker did not answer', 'see the Docker engine check', `no kind cluster ${lab.cluster} exists yet`);
  // The same judgement attaching makes, on every container, stopped ones too.
  const { found } = judgeExistingLab(lab, clusters.stdout, containers.stdout);
  if (found.length === 0) return pass(name, 'none');
  const ours = listRuns(runsRoot).find((r) => r.state.description?.fabric === 'kind');
  if (ours) return pass(name, `${found.join(', ')}, made by run ${ours.state.runId} (\`make destroy\` takes it down)`);
  return fail(name, `${found.join(', ')}, which this harness did not make`, `take it down (its own \`make destroy\`, or \`kind delete cluster --name ${lab.cluster}\` and \`containerlab destroy\`); the harness never deletes what it did not make`, `no kind cluster ${lab.cluster} exists yet`);
}

/**
 * Cilium's GENEVE device needs the geneve module of the host's kernel (a kind node shares it): loaded,
 * built in (modules.builtin) or loadable (modules.dep: the kernel loads it on demand when Cilium makes
 * the device, so nothing need load it first). Only a module index without it fails; no index at all
 * (a kernel without /lib/modules, as in many VMs) cannot be told, and is a warning.
 */
export function geneveCheck(files: HostFiles): DoctorResult {
  const name = 'geneve module';
  if (files.exists('/sys/module/geneve')) return pass(name, 'loaded');
  const release = files.read('/proc/sys/kernel/osrelease')?.trim() ?? '';
  const index = (file: string): string | undefined => files.read(`/lib/modules/${release}/${file}`);
  const listed = (text: string | undefined): boolean => /(^|\/)geneve\.ko(\.[a-z]+)?(:|$)/m.test(text ?? '');
  if (listed(index('modules.builtin'))) return pass(name, `built into kernel ${release}`);
  if (listed(index('modules.dep'))) return pass(name, `loadable (kernel ${release} loads it when Cilium makes its device)`);
  if (index('modules.dep') === undefined) {
    return warn(name, `unknown: kernel ${release} has no module index (/lib/modules/${release})`, "if the kernel lacks geneve, Cilium's agents cannot make their GENEVE device and never become Ready");
  }
  return fail(name, `absent from kernel ${release} (neither loaded, built in nor in modules.dep)`, "use a kernel with CONFIG_GENEVE (y or m): Cilium's DSR dispatch makes a geneve device in the host's kernel, and its agents would not become Ready", 'the Cilium agents are Ready on both nodes');
}

function hostChecks(files: HostFiles): DoctorResult[] {
  const watches = Number(files.read('/proc/sys/fs/inotify/max_user_watches') ?? 0);
  const instances = Number(files.read('/proc/sys/fs/inotify/max_user_instances') ?? 0);
  const forwarding = files.read('/proc/sys/net/ipv4/ip_forward')?.trim();
  const free = files.freeBytes(files.exists('/var/lib/docker') ? '/var/lib/docker' : '/');
  const gib = (n: number): string => `${(n / 2 ** 30).toFixed(1)} GiB`;
  return [
    geneveCheck(files),
    watches >= INOTIFY_MINIMUM.max_user_watches && instances >= INOTIFY_MINIMUM.max_user_instances
      ? pass('inotify limits', `${watches} watches, ${instances} instances`)
      : warn('inotify limits', `${watches} watches, ${instances} instances`, `kind's known issues: pods may fail with "too many open files" below these; raise them: sudo sysctl fs.inotify.max_user_watches=${INOTIFY_MINIMUM.max_user_watches} fs.inotify.max_user_instances=${INOTIFY_MINIMUM.max_user_instances}`),
    forwarding === '1' ? pass('IP forwarding', 'on') : fail('IP forwarding', `net.ipv4.ip_forward = ${forwarding ?? 'unknown'}`, 'the Docker engine turns it on when it starts; or sudo sysctl net.ipv4.ip_forward=1', 'create the kind cluster (its nodes reach the image registry through the host)'),
    free === undefined || free >= MIN_FREE_BYTES ? pass('free disk space', free === undefined ? 'unknown' : gib(free)) : fail('free disk space', gib(free), `free at least ${gib(MIN_FREE_BYTES)} where Docker keeps images`, 'build the BIRD image, and the kind cluster\'s node image'),
  ];
}

/** Every check, in order: the engine, the tools, the host, an existing lab. */
export async function runDoctor(lab: KindLab, exec: Executor = host, files: HostFiles = realHost, sudoUser = process.env.SUDO_USER): Promise<DoctorResult[]> {
  const goAnswer = await ask(exec, ['go', 'version']);
  const goVersion = 'absent' in goAnswer ? undefined : parseGoVersion(goAnswer.stdout);
  const goStep = "make Coil's certificates (make certs)";
  const go = goVersion ? pass('go', goVersion) : ('absent' in goAnswer && goAnswer.absent === 'not installed' && (await onUsersPath(exec, 'go', sudoUser, goStep))) || fail('go', 'absent' in goAnswer ? goAnswer.absent : 'no version in its answer', "install Go (go.dev/doc/install): Coil's `make certs` runs it", goStep);
  return [
    await dockerEngine(exec),
    await tool(exec, 'kind', ['kind', 'version'], parseKindVersion, `install kind ${VERSIONS.kind} (kind.sigs.k8s.io/docs/user/quick-start)`, sudoUser),
    await tool(exec, 'containerlab', ['containerlab', 'version'], parseContainerlabVersion, `install containerlab ${VERSIONS.containerlab} (bash -c "$(curl -sL https://get.containerlab.dev)" -- -v ${VERSIONS.containerlab})`, sudoUser),
    await tool(exec, 'kubectl', ['kubectl', 'version', '--client', '-o', 'json'], parseKubectlVersion, 'install kubectl 1.32-1.34 (kubernetes.io/docs/tasks/tools)', sudoUser),
    await tool(exec, 'helm', ['helm', 'version', '--short'], parseHelmVersion, 'install Helm 3 (helm.sh/docs/intro/install)', sudoUser),
    go,
    ...hostChecks(files),
    await existingLab(exec, lab),
  ];
}

export function doctorReport(results: readonly DoctorResult[]): string {
  const lines = results.flatMap((r) => [
    `  ${!r.ok ? 'FAIL' : r.warning ? 'warn' : 'ok  '}  ${r.name}: ${r.found}`,
    ...(r.fails ? [`        would fail: ${r.fails}`] : []),
    ...(r.fix ? [`        fix: ${r.fix}`] : []),
    ...(r.warning ? [`        note: ${r.warning}`] : []),
  ]);
  const failed = results.filter((r) => !r.ok).length;
  return `can this machine run the real lab?\n${lines.join('\n')}\n${failed === 0 ? 'all checks passed' : `${failed} of ${results.length} checks failed`}\n`;
}
